"""An index for a programme's next deadline: the first of its calls after now.

``FundingProgrammeQuerySet.with_status`` reads it for every programme a list sorts by the
next deadline (5,000 at national scale); with this index each is one index probe."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("funding", "0004_stored_search_document")]

    operations = [
        migrations.AddIndex(
            model_name="fundingcall",
            index=models.Index(
                fields=["programme", "deadline"], name="funding_call_prog_deadline_idx"
            ),
        ),
    ]
