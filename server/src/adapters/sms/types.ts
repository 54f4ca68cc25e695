/** Sends one text message. Real providers and the simulator implement it; nothing else sends SMS. */
export interface SmsSender {
  readonly kind: 'real' | 'simulator';
  send(phone: string, text: string): Promise<void>;
}
