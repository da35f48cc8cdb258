import re
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)


def settings_variables() -> set[str]:
    source = (BASE / "portal" / "settings.py").read_text()
    return set(re.findall(r'env_(?:str|bool|int|list|secret)\(\s*"([A-Z_]+)"', source))


def test_every_setting_variable_is_documented_in_env_example_and_readme():
    variables = settings_variables()
    assert {"DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "CACHE_URL"} <= variables
    example = (BASE / ".env.example").read_text()
    readme = (BASE / "README.md").read_text()
    for variable in variables:
        assert re.search(rf"^{variable}=", example, re.MULTILINE), f"{variable} not in .env.example"
        assert variable in readme, f"{variable} not in README.md"


def test_readme_starts_with_the_two_commands():
    lines = (BASE / "README.md").read_text().splitlines()
    commands = [line for line in lines[:8] if line.startswith("make ")]
    assert [command.split()[1] for command in commands] == ["run", "test"]
