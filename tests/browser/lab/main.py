"""Serves the JupyterLab build in ./build on Debian's jupyter_server through jupyterlab_server's LabServerApp."""
import json
import os
import pathlib

from jupyterlab_server import LabServerApp

HERE = pathlib.Path(__file__).resolve().parent
BUILD = HERE / "build"
os.environ["JUPYTER_NO_CONFIG"] = "1"  # only the command line configures this server


def _jupyter_server_extension_points():
    # jupyter_server finds the app through the module that launched it
    return [{"module": __name__, "app": JuxtaTestLab}]


class JuxtaTestLab(LabServerApp):
    name = __name__
    extension_url = "/lab"
    app_url = "/lab"
    load_other_extensions = False
    app_name = "JupyterLab (Juxta browser tests)"
    app_version = json.loads((HERE / "package.json").read_text())["version"]
    app_settings_dir = str(BUILD / "application_settings")
    schemas_dir = str(BUILD / "schemas")
    static_dir = str(BUILD)
    templates_dir = str(HERE / "templates")
    themes_dir = str(BUILD / "themes")
    user_settings_dir = str(BUILD / "user_settings")
    workspaces_dir = str(BUILD / "workspaces")

    def initialize_settings(self):
        # no news or update checks: the tests run offline and a toast would cover the notebook
        settings = BUILD / "application_settings"
        settings.mkdir(parents=True, exist_ok=True)
        (settings / "overrides.json").write_text(json.dumps(
            {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}}))
        super().initialize_settings()


if __name__ == "__main__":
    JuxtaTestLab.launch_instance()
