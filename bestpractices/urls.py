app_name = "bestpractices"
urlpatterns = []
