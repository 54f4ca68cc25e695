// @nutui/icons-react-taro draws with inline `-webkit-mask` styles React warns about in
// jsdom; tests only need each icon to be some element.
const { createElement } = require('react');

const icon = (name) => {
  const Icon = (props) => createElement('i', { className: props.className, 'data-icon': name });
  Icon.displayName = name;
  return Icon;
};

const icons = new Map();
module.exports = new Proxy(
  {},
  {
    get: (_, name) => {
      if (name === '__esModule') return true;
      if (typeof name !== 'string') return undefined;
      if (!icons.has(name)) icons.set(name, icon(name));
      return icons.get(name);
    },
  },
);
