// Builds the JupyterLab application bundle plus the extensions' schemas, themes and styles.
const path = require('path');
const MiniCssExtractPlugin = require('mini-css-extract-plugin');
const miniSVGDataURI = require('mini-svg-data-uri');
const webpack = require('webpack');
const { Build } = require('@jupyterlab/builder');
const { jupyterlab } = require('./package.json');

const assets = Build.ensureAssets({
  packageNames: [...jupyterlab.extensions, ...jupyterlab.mimeExtensions],
  output: path.join(__dirname, 'build')
});

module.exports = [
  {
    entry: './index.js',
    output: { path: path.join(__dirname, 'build'), filename: 'bundle.js' },
    bail: true,
    mode: 'development',
    devtool: false,
    resolve: { fallback: { path: false, url: false, fs: false } },
    module: {
      rules: [
        { test: /\.css$/, exclude: /\.raw\.css$/, use: [MiniCssExtractPlugin.loader, 'css-loader'] },
        { test: /\.raw\.css$/, type: 'asset/source' },
        { test: /\.html$/, type: 'asset/resource' },
        { test: /\.md$/, type: 'asset/source' },
        { test: /\.(jpg|png|gif)$/, type: 'asset/resource' },
        { test: /\.js\.map$/, type: 'asset/resource' },
        { test: /\.(woff2?|ttf)(\?v=\d+\.\d+\.\d+)?$/, type: 'asset' },
        { test: /\.eot(\?v=\d+\.\d+\.\d+)?$/, type: 'asset/resource' },
        {
          test: /\.svg(\?v=\d+\.\d+\.\d+)?$/,
          issuer: /\.css$/,
          type: 'asset/inline',
          generator: { dataUrl: content => miniSVGDataURI(content.toString()) }
        },
        { test: /\.svg(\?v=\d+\.\d+\.\d+)?$/, issuer: /\.js$/, type: 'asset/source' },
        // some packages import without file extensions in ES modules
        { test: /\.m?js$/, resolve: { fullySpecified: false } }
      ]
    },
    plugins: [
      new webpack.DefinePlugin({ process: { cwd: () => '/', env: {} } }),
      new MiniCssExtractPlugin({ filename: '[name].[contenthash:8].css' })
    ]
  }
].concat(assets);
