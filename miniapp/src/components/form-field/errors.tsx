import { Text, View } from '@tarojs/components';

// Kept apart from the field controls so a page that only shows an error (the main package's
// status page) does not carry the pickers and date pickers into the main package.

/**
 * A field's error, in red right under the field — for controls laid out outside FormField
 * (a dialog's text area, a custom block). Pages use this instead of the bare class, so the
 * style comes with it wherever it is rendered.
 */
export function FieldError({ message, testId }: { message?: string; testId: string }) {
  return message ? (
    <Text className='tj-field__error' data-testid={testId}>
      {message}
    </Text>
  ) : null;
}

/** The error no field owns (network, permission …), under the form. */
export function FormError({ message, testId }: { message?: string; testId: string }) {
  return message ? (
    <View className='tj-form-error' data-testid={testId}>
      {message}
    </View>
  ) : null;
}
