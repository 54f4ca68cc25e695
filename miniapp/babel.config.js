// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// babel-plugin-import hands over kebab-case names (DatePicker → date-picker); NutUI's
// folders are the lower-cased name without dashes (datepicker, cellgroup).
const nutuiPackage = (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase().replace(/-/g, '')}`;

// NutUI's Empty loads its default pictures from a third-party CDN (issue 13 item 12: no
// request may leave our origin), so every `Empty` import gets our drop-in instead; its
// styles stay NutUI's. scripts/external-urls.mjs checks the builds for such URLs.
const LOCAL = { empty: require('path').join(__dirname, 'src/components/empty-state/nut-empty') };
const componentPath = (name) => LOCAL[name] ?? nutuiPackage(name);

module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  plugins: [
    // Per-component imports keep the weapp main package small. NutUI 3.0.x ships its
    // components under dist/es/packages/<name>, not the `libraryDirectory` its docs name.
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        customName: componentPath,
        customStyleName: (name) => `${nutuiPackage(name)}/style/css`,
      },
      'nutui-react-taro',
    ],
  ],
};
