/**
 * @tarojs/components as plain DOM elements, close to what the H5 build renders: Input
 * reports `{ detail: { value } }` like Taro does, Form submits on its submit buttons.
 */
import { createElement, forwardRef, type ReactNode } from 'react';

type Props = Record<string, unknown> & { children?: ReactNode };

// Taro-only props that are not DOM attributes.
const TARO_ONLY = [
  'catchMove',
  'hoverClass',
  'hoverStyle',
  'hoverStartTime',
  'hoverStayTime',
  'hoverStopPropagation',
  'placeholderClass',
  'placeholderStyle',
  'confirmType',
  'confirmHold',
  'cursorSpacing',
  'adjustPosition',
  'holdKeyboard',
  'alwaysEmbed',
  'selectionStart',
  'selectionEnd',
  'password',
  'focus',
  'maxlength',
  'formType',
  'openType',
  'lang',
  'sessionFrom',
  'sendMessageTitle',
  'sendMessagePath',
  'sendMessageImg',
  'showMessageCard',
  'appParameter',
  'nativeProps',
  'userSelect',
  'space',
  'decode',
  'selectable',
  'onInput',
  'onConfirm',
  'onTap',
];

function domProps(props: Props): Props {
  const out: Props = {};
  for (const [key, value] of Object.entries(props)) {
    if (!TARO_ONLY.includes(key)) out[key] = value;
  }
  return out;
}

const element = (tag: string, displayName: string) => {
  const Component = forwardRef<HTMLElement, Props>((props, ref) => createElement(tag, { ...domProps(props), ref }));
  Component.displayName = displayName;
  return Component;
};

export const View = element('div', 'View');
export const Text = element('span', 'Text');
/** Taro hands scroll handlers `{ detail: { scrollTop, scrollHeight, … } }`, not the DOM event's target. */
export const ScrollView = forwardRef<HTMLElement, Props>(({ onScroll, scrollY: _y, scrollX: _x, scrollTop: _top, scrollLeft: _left, enhanced: _e, ...props }, ref) =>
  createElement('div', {
    ...domProps(props),
    ref,
    onScroll: (e: { currentTarget: HTMLElement }) => {
      const t = e.currentTarget;
      (onScroll as ((e: unknown) => void) | undefined)?.({ detail: { scrollTop: t.scrollTop, scrollLeft: t.scrollLeft, scrollHeight: t.scrollHeight, scrollWidth: t.scrollWidth } });
    },
  }),
);
ScrollView.displayName = 'ScrollView';
export const Image = element('img', 'Image');
export const Label = element('label', 'Label');

export const Button = forwardRef<HTMLButtonElement, Props>((props, ref) =>
  createElement('button', {
    ...domProps(props),
    type: props.formType === 'submit' ? 'submit' : 'button',
    ref,
  }),
);
Button.displayName = 'Button';

export const Form = forwardRef<HTMLFormElement, Props>((props, ref) => createElement('form', { ...domProps(props), ref }));
Form.displayName = 'Form';

export const Input = forwardRef<HTMLInputElement, Props>((props, ref) => {
  const onInput = props.onInput as ((e: { detail: { value: string } }) => void) | undefined;
  return createElement('input', {
    ...domProps(props),
    type: props.password ? 'password' : (props.type as string) === 'number' ? 'text' : props.type,
    maxLength: props.maxlength,
    value: props.value ?? '',
    onChange: (e: { target: HTMLInputElement }) => onInput?.({ detail: { value: e.target.value } }),
    ref,
  });
});
Input.displayName = 'Input';

export const Textarea = forwardRef<HTMLTextAreaElement, Props>((props, ref) => {
  const onInput = props.onInput as ((e: { detail: { value: string } }) => void) | undefined;
  return createElement('textarea', {
    ...domProps(props),
    maxLength: props.maxlength,
    value: props.value ?? '',
    onChange: (e: { target: HTMLTextAreaElement }) => onInput?.({ detail: { value: e.target.value } }),
    ref,
  });
});
Textarea.displayName = 'Textarea';
