// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// babel-plugin-import hands over kebab-case names (DatePicker → date-picker); NutUI's
// folders are the lower-cased name without dashes (datepicker, cellgroup).
const nutuiPackage = (name) =>
  `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase().replace(/-/g, '')}`;

module.exports = {
  presets: [
    ['taro', { framework: 'react', ts: true, compiler: 'webpack5' }],
  ],
  plugins: [
    // Per-component imports keep the weapp main package small. NutUI 3.0.x ships its
    // components under dist/es/packages/<name>, not the `libraryDirectory` its docs name.
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        customName: nutuiPackage,
        customStyleName: (name) => `${nutuiPackage(name)}/style/css`,
      },
      'nutui-react-taro',
    ],
  ],
};
