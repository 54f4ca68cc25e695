/**
 * The commonest passwords of 8+ characters (issue 12 item 13), from public leak statistics of
 * Chinese and international sites. Shorter ones are refused by the length rule anyway. Kept
 * small on purpose: it ships in the mini-program's main package. Lower case; compared
 * case-insensitively.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  // digits
  '12345678', '123456789', '1234567890', '0123456789', '87654321', '987654321', '9876543210',
  '11111111', '00000000', '22222222', '33333333', '44444444', '55555555', '66666666', '77777777',
  '88888888', '99999999', '111111111', '000000000', '666666666', '888888888', '1111111111',
  '12341234', '12344321', '11223344', '11112222', '12121212', '12312312', '123123123', '123321123',
  '147258369', '147852369', '159357159', '123654789', '741852963', '963852741', '789456123',
  '456789123', '321654987', '112233445', '1122334455', '123456123', '1234512345', '12345612345',
  '5201314520', '52013145', '13145200', '1314520520', '520520520', '52113145', '77585210',
  '12345678910', '123456654321', '1234567899', '1234567891', '01234567', '20082008', '19491001',
  '19861015', '19901010', '20102010', '20202020', '20212021', '20222022', '20232023', '20242024',
  '88886666', '66668888', '98765432', '13141314', '12300000', '10101010', '31415926', '14789632',
  // letters
  'password', 'password1', 'password12', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword',
  'iloveyou', 'iloveyou1', 'sunshine', 'princess', 'football', 'baseball', 'superman', 'whatever',
  'trustno1', 'starwars', 'computer', 'michelle', 'jennifer', 'corvette', 'mercedes', 'midnight',
  'qwertyui', 'qwertyuiop', 'asdfghjk', 'asdfghjkl', 'zxcvbnm1', 'zxcvbnm123', 'abcdefgh',
  'abcdefg1', 'abcd1234', 'abcd12345', 'abc123456', 'abc12345678', 'aaaaaaaa', 'asdf1234',
  'asdfasdf', 'qwer1234', 'qwerty12', 'qwerty123', 'qwerty1234', '1q2w3e4r', '1q2w3e4r5t',
  '1qaz2wsx', '1qazxsw2', 'zaq12wsx', 'qazwsxedc', 'q1w2e3r4', 'q1w2e3r4t5', '1a2b3c4d',
  'a1b2c3d4', 'a1234567', 'a12345678', 'a123456789', 'aa123456', 'aa12345678', 'aaa123456',
  'qq123456', 'qq12345678', 'woaini1314', 'woaini520', 'woainima', 'woaiwojia', 'wodemima',
  'iloveyou520', 'admin123', 'admin1234', 'admin888', 'administrator', 'root1234', 'test1234',
  'test123456', 'welcome1', 'letmein1', 'changeme', 'football1', 'monkey123', 'dragon123',
  'master123', 'shadow123', 'killer123', 'qwe123456', 'qweasdzxc', 'qweqweqwe', 'asd123456',
  'zxc123456', 'zxcvbnm12', 'xiaoming', 'zhangwei', 'wangjing', 'liuyang1', 'huang123',
  'pass123456', 'password!', 'password@123', 'admin@123', 'abc@1234', 'a123456.', 'aa123456.',
  'qwer!234', '1qaz@wsx', '1qaz!qaz', 'p@ssw0rd1', 'p@55w0rd', 'iloveu1314', 'love1314',
  'wo123456', 'woshishui', 'nihao123', 'nihao1234', 'q123456789', 'z123456789', 'w123456789',
  'li123456', 'wang1234', 'zhang123', 'chen1234', 'liu12345', 'yang1234', 'zhao1234',
]);

export const isCommonPassword = (password: string): boolean => COMMON_PASSWORDS.has(password.toLowerCase());
