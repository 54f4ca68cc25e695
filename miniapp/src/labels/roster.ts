/** The roster form's field labels, also the import sheet's column names. */
export const RosterFieldLabels = {
  name: '姓名',
  idNumber: '身份证号码',
  phone: '手机号码',
  position: '职务',
  isOperator: '运营者',
  cadreNature: '团干部性质',
} as const;
