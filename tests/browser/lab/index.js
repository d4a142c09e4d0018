// The JupyterLab application: the extensions listed in package.json's "jupyterlab" section.
import { PageConfig } from '@jupyterlab/coreutils';
// assets are served from the app's static URL, known only at run time
// eslint-disable-next-line no-undef
__webpack_public_path__ = PageConfig.getOption('fullStaticUrl') + '/';

const styles = import('./build/style.js'); // written by @jupyterlab/builder's ensureAssets

// plugins that need extensions this build leaves out (lsp, toc, metadataform) would only log errors
const LEFT_OUT = [':language-server', ':toc', ':update-raw-mimetype'];
const withoutLsp = m => m.default.filter(({ id }) => !LEFT_OUT.some(part => id.includes(part)));

window.addEventListener('load', async () => {
  await styles;
  const { JupyterLab } = await import('@jupyterlab/application');
  const extensions = await Promise.all([
    import('@jupyterlab/application-extension'),
    import('@jupyterlab/apputils-extension'),
    import('@jupyterlab/codemirror-extension'),
    import('@jupyterlab/completer-extension'),
    import('@jupyterlab/console-extension'),
    import('@jupyterlab/docmanager-extension'),
    import('@jupyterlab/documentsearch-extension'),
    import('@jupyterlab/filebrowser-extension'),
    import('@jupyterlab/fileeditor-extension').then(withoutLsp).then(d => ({ default: d })),
    import('@jupyterlab/help-extension'),
    import('@jupyterlab/imageviewer-extension'),
    import('@jupyterlab/launcher-extension'),
    import('@jupyterlab/mainmenu-extension'),
    import('@jupyterlab/markdownviewer-extension'),
    import('@jupyterlab/markedparser-extension'),
    import('@jupyterlab/mathjax-extension'),
    import('@jupyterlab/notebook-extension').then(withoutLsp).then(d => ({ default: d })),
    import('@jupyterlab/rendermime-extension'),
    import('@jupyterlab/running-extension'),
    import('@jupyterlab/shortcuts-extension'),
    import('@jupyterlab/statusbar-extension'),
    import('@jupyterlab/theme-light-extension'),
    import('@jupyterlab/tooltip-extension'),
    import('@jupyterlab/translation-extension'),
    import('@jupyterlab/ui-components-extension')
  ]);
  const plugins = extensions.flatMap(m => {
    const exported = m.default !== undefined ? m.default : m;
    return Array.isArray(exported) ? exported : [exported];
  });
  const lab = new JupyterLab({ mimeExtensions: [] });
  lab.registerPlugins(plugins);
  await lab.start();
  await lab.restored;
  console.log('juxta-lab: restored');
});
