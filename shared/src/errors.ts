/**
 * Every error the product can report: a stable code the client branches on, and the
 * Chinese message shown to the user (the same text on server and mini-program). Wording
 * follows the source documents where they have it (代称, 报到, 退回, 组织关系转接 …).
 */
export const ErrorMessages = {
  // generic
  VALIDATION_FAILED: '填写的内容有误，请检查后重试',
  REQUIRED: '此项为必填项',
  NOT_FOUND: '请求的内容不存在',
  UNAUTHORIZED: '请先登录',
  TOKEN_EXPIRED: '登录已过期，请重新登录',
  FORBIDDEN: '您没有权限进行此操作',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  CONFLICT: '数据已被他人修改，请刷新后重试',
  INTERNAL: '系统繁忙，请稍后再试',
  REQUEST_TOO_LARGE: '请求内容过长，请精简后重试',
  TEXT_TOO_LONG: '填写的内容过长，请精简后重试',
  OPTION_INVALID: '请从列表中选择',
  NUMBER_INVALID: '请输入不小于0的整数',
  DATE_INVALID: '请按“年-月-日”格式选择日期',
  DATE_IN_FUTURE: '日期不能晚于今天',
  MONTH_INVALID: '请按“年-月”格式选择年月',
  MONTH_IN_FUTURE: '年月不能晚于当前年月',
  EMAIL_INVALID: '请输入正确的电子邮箱',
  QQ_INVALID: '请输入正确的QQ号码',
  CONTACT_PHONE_INVALID: '请输入正确的联系电话（手机或固定电话）',

  // accounts (§4.1)
  INVALID_CREDENTIALS: '手机号或密码错误',
  MOBILE_INVALID: '请输入正确的11位手机号码',
  MOBILE_TAKEN: '该手机号已注册，请直接登录',
  MOBILE_NOT_REGISTERED: '该手机号尚未注册，请先注册',
  PASSWORD_INVALID: '密码须为8-64个字符，可使用字母、数字、符号和空格',
  PASSWORD_TOO_COMMON: '该密码过于常见，容易被猜中，请换一个',
  PASSWORD_MISMATCH: '两次输入的密码不一致',
  SMS_CODE_INVALID: '请输入6位数字验证码',
  WECHAT_NOT_BOUND: '该微信尚未绑定账号，请先用手机号登录',
  WECHAT_BOUND_ELSEWHERE: '该微信已绑定其他账号',
  WECHAT_CODE_INVALID: '微信登录凭证无效或已过期，请重试',
  RESET_CODE_WRONG: '重置码错误或已失效，请联系组织管理员重新获取',
  OLD_PASSWORD_WRONG: '原密码不正确',
  SMS_SEND_FAILED: '短信发送失败，请稍后重试',
  SMS_CODE_WRONG: '验证码错误或已过期，请重新获取',
  REGION_INVALID: '请选择所属地区',
  REGION_UNKNOWN: '所选地区不存在，请重新选择所属地区',
  AGREEMENT_REQUIRED: '请阅读并接受《用户服务协议》',

  // identity (§5.1)
  NAME_INVALID: '姓名应为2-30个字，只能包含汉字、字母或“·”',
  ID_NUMBER_LENGTH: '身份证号码应为18位',
  ID_NUMBER_FORMAT: '身份证号码格式不正确：前17位应为数字，最后一位为数字或X',
  ID_NUMBER_PROVINCE: '身份证号码前两位不是有效的省份代码，请核对',
  ID_NUMBER_BIRTH_DATE_INVALID: '身份证号码中的出生日期无效，请核对',
  ID_NUMBER_BIRTH_DATE_FUTURE: '身份证号码中的出生日期晚于今天，请核对',
  ID_NUMBER_CHECKSUM: '身份证号码校验位不正确，请核对后重新输入',
  HK_MACAO_PERMIT_INVALID: '港澳居民来往内地通行证号码格式不正确（H或M开头，后接8位或10位数字）',
  TAIWAN_PERMIT_INVALID: '台湾居民来往大陆通行证号码格式不正确（8位或10位数字）',
  PASSPORT_INVALID: '护照号码格式不正确（5-20位字母或数字）',
  BIRTH_DATE_INVALID: '请选择正确的出生日期',
  BIRTH_DATE_FUTURE: '出生日期不能晚于今天',
  ID_NUMBER_CHECKED_IN_ELSEWHERE: '该证件号码已在其他团支部报到。一名团员只能在一个团支部报到，如需变更所在团支部，请办理组织关系转接',
  REAL_NAME_MISMATCH: '姓名与证件号码不一致，请核对后重新提交',
  REAL_NAME_UNAVAILABLE: '实名校验服务暂时不可用，请稍后重试',

  // ages (§5.3)
  JOINED_AT_INVALID: '请按“年-月”格式选择入团年月',
  JOINED_AT_FUTURE: '入团年月不能晚于当前年月',
  JOIN_AGE_UNDER_13: '2017年1月1日及以后入团的，入团时须年满13周岁，请核对入团年月',
  JOIN_AGE_UNDER_12: '2017年1月1日以前入团的，入团时须年满12周岁，请核对入团年月',
  JOIN_AGE_UNDER_13_XINJIANG: '新疆地区入团时须年满13周岁，请核对入团年月',
  MEMBERSHIP_AGE_EXCEEDED: '根据《团章》规定，年满28周岁且未在团内担任职务的，不再保留团籍，无法报到',

  // development number (§5.2)
  DEVELOPMENT_NUMBER_REQUIRED: '2017年1月1日及以后入团的团员须填写发展团员编号',
  DEVELOPMENT_NUMBER_REQUIRED_XINJIANG: '新疆地区2016年1月1日及以后入团的团员须填写发展团员编号',
  DEVELOPMENT_NUMBER_NOT_DIGITS: '发展团员编号填写有误，只能包含数字',
  DEVELOPMENT_NUMBER_LENGTH: '发展团员编号位数不对，应为12位数字',
  DEVELOPMENT_NUMBER_YEAR_MISMATCH: '发展团员编号前四位年份与入团时间不一致',
  DEVELOPMENT_NUMBER_TAKEN: '该发展团员编号已被他人占用，请联系所在团组织或其上级组织协助核实处理',

  // certification form (§4.3)
  CERT_POSITION_REQUIRED: '在本支部担任团干职务的，请选择职务',
  CERT_POSITION_SINCE_REQUIRED: '在本支部担任团干职务的，请选择任现职年月',
  PARTY_JOINED_AT_REQUIRED: '政治面貌为中共党员或中共预备党员的，请选择入党年月',
  VOLUNTEER_SINCE_REQUIRED: '是志愿者的，请选择注册志愿者时间',
  GUARDIAN_CONTACT_REQUIRED: '未满18周岁的团员须填写监护人或紧急联系人的联系方式',
  CHECKIN_NOT_BRANCH: '只能选择团支部报到，团委、团总支不能直接接收团员报到，请选择其下级团支部',

  // check-in states (§4.2)
  CHECKIN_PENDING_REVIEW: '报到资料正在等待审核，请勿重复提交',
  CHECKIN_ALREADY_APPROVED: '您已报到成功，如需修改资料请使用“修改资料”',
  CHECKIN_NOT_WITHDRAWABLE: '只有等待审核的报到才能撤回',
  CHECKIN_NOT_PENDING: '该报到资料不在待审核状态，可能已被其他人处理，请刷新',
  CHECKIN_NOT_APPROVED: '报到审核通过后才能进行此操作',
  CHECKIN_REQUIRED: '请先完成团员报到，审核通过后才能使用其他功能',
  RETURN_REASON_REQUIRED: '退回时请填写退回原因',
  OFFLINE_NOTE_REQUIRED: '请填写核验说明',
  OFFLINE_PHOTO_REQUIRED: '请上传团员手持身份证件的照片',
  CHECKIN_ID_APPROVED_ELSEWHERE: '该证件号码已在其他团支部报到通过。一名团员只能在一个团支部报到，如需变更请办理组织关系转接',
  CHECKIN_STEP_ORDER: '请先完成前面的步骤',
  CHECKIN_IDENTITY_LOCKED: '报到审核通过后身份信息不能修改，如有错误请联系所在团组织',
  CHECKIN_NOT_EDITABLE: '当前状态下不能修改报到资料',
  CHECKIN_TRANSFERRED_OUT: '您的组织关系已转出至省外，不能在广东重新报到；回到广东请在原系统发起转入广东的组织关系转接',
  UPLOAD_NOT_IMAGE: '只能上传JPG、PNG或WEBP格式的图片',
  UPLOAD_TOO_LARGE: '图片不能超过10MB',
  UPLOAD_INVALID: '附件无效或已失效，请重新上传',

  // real-name verification (§4.2)
  REAL_NAME_IN_PROGRESS: '实名校验正在进行中，请等待校验结果后再审核',
  REAL_NAME_FAILED: '实名校验未通过，请线下核验团员身份：有误请退回，无误请填写说明并上传照片证明',
  REAL_NAME_NOT_FAILED: '只有实名校验未通过的团员才需要线下核验',
  REAL_NAME_RECHECK_DONE: '系统已完成自动复核，请由组织进行线下核验',
  REAL_NAME_TRANSITION_INVALID: '当前实名校验状态下不能进行此操作',

  // org tree and names (§3)
  ORG_TYPE_NOT_ALLOWED: '当前组织不能创建该类别的下级组织',
  ORG_FIELD_IMMUTABLE: '组织简称、组织全称、组织类别、行业类别填写后不可修改',
  ID_NUMBER_MISMATCH: '该手机号已绑定另一身份证号的账号，请核对身份证号或更换手机号',
  ADMIN_CHANGE_PENDING: '已提交管理员变更申请，待上级组织管理员审批后生效',
  ADMIN_CHANGE_NOT_PENDING: '该管理员变更申请已处理，请刷新',
  ADMIN_MUST_BE_ONBOARDED: '只能将已入驻的本组织团干部设为管理员',
  QR_CHECKIN_BRANCH_ONLY: '团员报到二维码只能为团支部生成',
  PERSON_NOT_IN_SUBTREE: '未在本组织及下级组织中找到该手机号对应的人员',
  RESET_CODE_NOT_ALLOWED: '该人员在本组织、上级组织或其他组织担任职务，不能由本组织生成密码重置码，请联系其上级团组织管理员',
  ORG_NAME_TAKEN: '同一上级组织下已有同名组织（组织简称重复）',
  ORG_HAS_SUB_ORGS: '该组织还有下级组织，不能删除。请先删除其全部下级组织',
  ORG_HAS_CADRES: '该组织的团干部名单中还有人员，不能删除。请先移除名单中的团干部',
  ORG_HAS_MEMBERS: '该组织已有团员报到，不能删除。如需调整，请先为团员办理组织关系转接',
  ORG_HAS_OPEN_TRANSFERS: '该组织有尚未办结的组织关系转接，不能删除。请待转接办结后再删除',
  IMPORT_ROWS_INVALID: '导入文件有错误，已全部取消导入，请按提示修改后重新导入',
  IMPORT_FILE_INVALID: '无法读取导入文件，请使用下载的Excel模板（.xlsx）',
  IMPORT_EMPTY: '导入文件中没有数据行',
  BRANCH_CATEGORY_ONLY_FOR_BRANCH: '只有团支部才能设置组织类别',
  SHORT_NAME_SHAPE: '组织简称与组织类别不符：团的领导机关为“团+行政区划名称+委”，其他组织以“团委/团工委/团总支/团支部”结尾',
  FULL_NAME_SHAPE: '组织全称应为“中国共产主义青年团+地域+单位全称+委员会（工作委员会、总支部委员会或支部委员会）”',
  YOUTH_COUNT_TOO_LARGE: '14-28周岁青年数不能超过10000',
  PARTY_RECOMMENDED_TOO_LARGE: '年度经推入党团员数不能超过1000',
  ALIAS_EMPTY: '代称不能为空',
  ALIAS_TOO_LONG: '代称不能超过16个字',
  ALIAS_WHITESPACE: '代称不能包含空格',
  ALIAS_FORBIDDEN_CHAR: '代称不能包含 \\ / : * ? " ” \' < > | 等特殊字符',
  ALIAS_SHAPE_LEADING_ORGAN: '团的领导机关代称应为“团+行政区划名称+委”，如：团广州市委、团天河区委',
  ALIAS_SHAPE_GRASSROOTS_COMMITTEE: '基层团委代称应为“单位/本级行政区划名称+团委”，如：中山大学团委',
  ALIAS_SHAPE_WORKING_COMMITTEE: '团工委代称应为“单位名称+团工委”，如：广东省直机关团工委',
  ALIAS_SHAPE_GENERAL_BRANCH: '团总支代称应为“单位/本级行政区划名称+团总支”，如：金宁社区团总支',
  ALIAS_SHAPE_BRANCH: '团支部代称应为“单位/本级行政区划名称+团支部”，如：新河浦社区团支部',
  ALIAS_TAKEN: '同一上级组织下已有组织使用该代称，请换一个代称',
  ALIAS_ALREADY_SET: '本组织代称已由其他运营者设置',
  INVITATION_INVALID: '邀请链接无效或已过期，请联系组织管理员重新发送邀请',
  INVITATION_NOT_YOURS: '该邀请不是发给当前登录账号的，请使用接收邀请短信的手机号登录',
  INVITATION_TOO_FREQUENT: '邀请发送过于频繁，请10分钟后再试',
  ALREADY_ONBOARDED: '该团干部已入驻',
  POSITION_ALREADY_SET: '您已设置本组织职务',
  ADMIN_CODE_INVALID: '管理员注册码为8位数字或字母，请注意区分大小写',
  ADMIN_CODE_EXPIRED: '管理员注册码已过期（有效期20天），请联系上级团组织管理员重新生成',
  ADMIN_CODE_USED: '该管理员注册码已被使用，一个注册码仅限一位管理员注册',
  ADMIN_LIMIT_REACHED: '每个组织最多设置2名管理员',

  // cadres and roster (§6)
  POSITION_NOT_ALLOWED: '该职务不适用于本组织的类别，请重新选择',
  NOT_IN_ROSTER: '您尚未被组织录入系统，请联系本组织管理员/运营者',
  ALREADY_IN_ROSTER: '该团干部已录入本组织',
  ROSTER_ENTRY_NOT_PENDING: '该入驻信息已处理（已确认或已拒绝），请刷新后重试',
  ROSTER_ADMIN_LINE_ADMINS_ONLY: '管理员的名册信息只能由管理员修改或移除',
  ROSTER_ENTRY_BOUND_ELSEWHERE: '本组织名册中该身份证号的团干部已由其他账号确认入驻，不能再注册为该人员；如有疑问请联系上级团组织管理员',

  // uploads
  ATTACHMENT_NOT_IMAGE: '请上传图片，仅支持图片类型',
  ATTACHMENT_TOO_LARGE: '图片大小限定为2M',
  ATTACHMENT_TOO_LARGE_5M: '照片最大不超过5M',
  ATTACHMENT_TOO_LARGE_10M: '照片最大不超过10M',
  ATTACHMENTS_TOO_MANY: '图片最多上传5张',
  ATTACHMENTS_REQUIRED: '请上传附件',

  // transfers (§7)
  TRANSFER_DESTINATION_REQUIRED: '请选择学习/工作单位地点',
  TRANSFER_DESTINATION_NOT_ALLOWED: '转至广东省内的团支部无需选择省外地点',
  TRANSFER_DESTINATION_NOT_BRANCH: '请选择要转入的团支部',
  TRANSFER_REMARKS_TOO_LONG: '备注最多100字',
  TRANSFER_OPEN_EXISTS: '您已有一条正在办理的组织关系转接，请等待办理完成后再申请',
  TRANSFER_SAME_BRANCH: '转入团支部不能与转出团支部相同',
  TRANSFER_NOT_PENDING: '该转接申请不在待审核状态，可能已被处理，请刷新',
  TRANSFER_NOT_WITHDRAWABLE: '只有等待转出组织审核或申诉待审核的转接申请才能撤回',
  TRANSFER_ORG_NOT_WITHDRAWABLE: '该转接已办结或已交转入系统确认，不能撤销',
  TRANSFER_NOT_INITIATOR: '只有发起该转接的组织可以撤销',
  TRANSFER_SPECIAL_POOL_REASON: '转入特殊单位专属库的转出原因须为“参军入伍”',
  TRANSFER_INBOUND_SIGNATURE: '请求签名无效',
  TRANSFER_INBOUND_CONFLICT: '该转接编号已用于另一条不同的转入申请',
  TRANSFER_NOT_AWAITING_EXTERNAL: '该转接申请不在等待转入系统确认的状态',
  TRANSFER_TRANSITION_INVALID: '当前转接状态下不能进行此操作',
  TRANSFER_BRANCH_REQUIRED: '转入组织为团委或团总支的，审核通过时须分配团支部',
  TRANSFER_REJECT_REASON_REQUIRED: '退回时请填写原因',
  BATCH_TRANSFER_NOT_ALLOWED: '只有基层团委、团工委、团总支可以办理组织关系批量接转',
  BATCH_TRANSFER_TOO_MANY: '批量接转一次最多转出30人',
  BATCH_BRANCH_NOT_IN_SUBTREE: '转出、转入团支部须为本组织的下级团支部',
  TRANSFER_DESTINATION_INVALID: '转入组织须为团支部，或团委、团工委、团总支（由其分配团支部）',
  TRANSFER_BRANCH_NOT_IN_SUBTREE: '分配的团支部须为转入组织本身或其下级团支部',
  TRANSFER_MEMBER_NOT_FOUND: '未找到该团员，请核对姓名和身份证号码（须已在团支部报到通过）',
  TRANSFER_MEMBER_NOT_IN_BRANCH: '所选团员不在转出团支部，请刷新后重试',
  TRANSFER_NOT_APPEALABLE: '只有被团组织退回的转接申请才能申诉',
  TRANSFER_APPEAL_NOT_PENDING: '该申诉不在待审核状态，可能已被处理，请刷新',
  TRANSFER_EXTERNAL_UNAVAILABLE: '转入系统暂时无法连接，请稍后重试',
  ORG_TRANSFER_NOT_ALLOWED: '团的领导机关不能办理组织关系转入、转出，请由基层团委、团工委、团总支或团支部办理',

  // 两制: 年度团籍注册 / 团员教育评议 (issue 16 part 4)
  REG_YEAR_INVALID: '年度须为去年、今年或明年',
  REG_WINDOW_INVALID: '结束日期不能早于开始日期',
  REG_WINDOW_PAST: '结束日期不能早于今天',
  REG_WINDOW_TOO_LONG: '时间窗口最长一年',
  REG_OPENER_NOT_COMMITTEE: '团支部不能发起，请由上级团委、团工委、团总支发起',
  REG_CAMPAIGN_EXISTS: '本组织该年度已发起过，不能重复发起',
  REG_CAMPAIGN_OVERLAPS: '上级或下级组织已发起该年度的同类工作，覆盖范围不能重叠',
  REG_CAMPAIGN_NOT_FOUND: '未找到该年度工作，或本组织不在其范围内',
  REG_NOT_BRANCH: '请在团支部办理团员的注册或评议',
  REG_OUTSIDE_WINDOW: '不在上级规定的办理时间内',
  REG_OUTCOME_INVALID: '请选择有效的结果',
  REG_REASON_REQUIRED: '不予注册或评为不合格时请填写原因',
  REG_MEMBER_NOT_IN_BRANCH: '所选团员不在本团支部，请刷新后重试',
  REG_MEMBERS_UNDECIDED: '还有团员未办理，请全部办理后再提交',
  REG_NO_MEMBERS: '本团支部没有可办理的团员',
  REG_ALREADY_SUBMITTED: '已提交上级审批，不能修改或重复提交',
  REG_ALREADY_APPROVED: '上级已审批通过，不能再修改',
  REG_NOT_PENDING: '该提交不在待审批状态，可能已被处理，请刷新',
  REG_RETURN_REASON_REQUIRED: '退回时请填写原因',
  REG_NOT_SUPERIOR: '只有团支部的直接上级组织可以审批',
  // graduation [004 §二(二)] and membership status [004 FAQ; §10] (issue 16)
  GRADUATION_NOT_ALLOWED: '只有学校领域的校团委、二级团委、年级团总支可以标记团支部毕业时间',
  GRADUATION_MONTH_OR_REASON: '请选择预计毕业时间，或选择无法确定毕业时间的理由（两者选其一，不可同时选择）',
  GRADUATION_NOT_CLASS_BRANCH: '只能标记本组织下级尚未毕业的团支部',
  GRADUATION_ALREADY_MARKED: '该团支部已标记毕业时间，不能自行取消或修改；如需更正，请联系上级团组织',
  GRADUATION_NOT_MARKED: '该团支部尚未标记毕业时间',
  GRADUATION_CORRECT_NOT_SUPERIOR: '毕业时间标记只能由标记组织的上级团组织更正',
  GRADUATION_ALREADY_CONVERTED: '该团支部已变更为毕业生团组织，不能再更正毕业时间',
  GRADUATION_DELAY_NO_BRANCH_MONTH: '所在团支部尚未标记预计毕业时间，不能标记延迟毕业',
  GRADUATION_DELAY_NOT_LATER: '延迟毕业的预计毕业时间必须晚于本团支部的毕业时间',
  GRADUATION_NOT_DELAYED: '该团员未被标记为延迟毕业团员',
  GRADUATE_ORG_NOT_EMPTY: '毕业生团组织中仍有团员未转出，不能删除',
  GRADUATE_ORG_ONLY: '只有毕业生团组织可以在此删除',
  MEMBERSHIP_ENDED: '您已不再保留团籍，只能查看认证资料',
  MEMBERSHIP_NOT_NORMAL: '该团员的团籍状态不是“正常”',
  MEMBERSHIP_REASON_REQUIRED: '请填写原因',
  MEMBERSHIP_REQUEST_PENDING: '该团员已有待审批的团籍变更申请',
  MEMBERSHIP_REQUEST_NOT_PENDING: '该申请不在待审批状态，可能已被处理，请刷新',
  MEMBERSHIP_APPROVER_NOT_SUPERIOR: '团籍变更须由团支部的上级团组织审批',
  TRANSFER_MEMBER_UNCERTIFIED: '该团员的团员身份尚未认证（电子版《入团志愿书》未上传或未经上级团委审批），完成认证后才能办理组织关系转接',

  // 团员电子档案 (issue 16 part 2, [004 §二(四)])
  ARCHIVE_NOT_PDF: '请上传1份PDF格式的电子版《入团志愿书》（文件内容须为完整的PDF文档）',
  ARCHIVE_TOO_LARGE: '电子版《入团志愿书》文件大小不能超过20MB',
  ARCHIVE_NOT_REQUIRED: '2020年以前入团的团员无需上传电子版《入团志愿书》',
  ARCHIVE_UPLOAD_NOT_ALLOWED: '只有团员所在团支部或其直属上级组织的管理员可以上传电子档案',
  ARCHIVE_PENDING: '该团员的电子档案正在等待上级团委审批，请等待审批结果',
  ARCHIVE_NOT_PENDING: '该电子档案不在待审批状态，可能已被处理，请刷新',
  ARCHIVE_REJECT_REASON_REQUIRED: '不同意时须写明理由',
  ARCHIVE_CHANGE_REASON_REQUIRED: '变更已认证的电子档案须填写变更理由，经上级团委审批同意后生效',
  ARCHIVE_NO_APPROVER: '未找到可审批该电子档案的上级团委',

  // identity corrections [004 §一(一)1]
  IDENTITY_CORRECTION_PHOTO_REQUIRED: '请上传证明材料照片（如身份证件照片）',
  IDENTITY_CORRECTION_GENDER_MISMATCH: '性别与身份证号码不一致，请核对',
  IDENTITY_CORRECTION_UNCHANGED: '更正后的信息与现有信息相同，无需申请',
  IDENTITY_CORRECTION_PENDING: '已有待省团委审批的身份信息更正申请，请等待处理结果',
  IDENTITY_CORRECTION_NOT_PENDING: '该申请不在待审批状态，可能已被处理，请刷新',
  IDENTITY_CORRECTION_REASON_REQUIRED: '请填写不同意的原因',
  IDENTITY_CORRECTION_PROVINCE_ONLY: '姓名、性别与身份证号码的更正须由省团委审批',
  IDENTITY_CORRECTION_NOT_MEMBER: '报到审核通过后才能申请更正身份信息',
  IDENTITY_CORRECTION_EDIT_PENDING: '您的资料修改尚在审核中或已退回，请先完成资料修改后再申请更正',
  IDENTITY_CORRECTION_ID_TAKEN: '该证件号码已被其他账号使用，无法更正为此号码，请核对或联系省团委',

  // 团干会话 §6.6 (issue 18)
  CHAT_NOT_CADRE: '只有已入驻的团干部可以使用团干会话',
  CHAT_NOT_MEMBER: '您不在该会话中',
  CHAT_SELF: '不能和自己发起会话',
  CHAT_PEER_NOT_CADRE: '对方不是已入驻的团干部，无法发起会话',
  CHAT_TEXT_EMPTY: '请输入消息内容',
  CHAT_TEXT_TOO_LONG: '消息不能超过2000个字',
  CHAT_RECALL_NOT_OWN: '只能撤回自己发送的消息',
  CHAT_RECALL_EXPIRED: '只能撤回2分钟内发送的消息',
  CHAT_RATE_LIMITED: '发送过于频繁，请稍后再试',
  CHAT_BAD_FRAME: '消息格式有误',
  CHAT_IMAGE_INVALID: '图片无效，请重新选择',
} as const;

export type ErrorCode = keyof typeof ErrorMessages;

export const errorMessage = (code: ErrorCode): string => ErrorMessages[code];

/**
 * §5.1 the message of CHECKIN_ID_APPROVED_ELSEWHERE naming the branch the person is already
 * approved in, and pointing to 组织关系转接.
 */
export const checkinApprovedElsewhereMessage = (branchName: string): string => `该证件号码已在“${branchName}”报到通过。一名团员只能在一个团支部报到，如需变更所在团支部，请办理组织关系转接`;

export const isErrorCode = (value: unknown): value is ErrorCode => typeof value === 'string' && Object.prototype.hasOwnProperty.call(ErrorMessages, value);

/** The body of every error response: `{ code, message, field? }`. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  field?: string;
  /** Per-row problems of a rejected Excel import (row = the sheet's row number). */
  rows?: { row: number; field?: string; code: ErrorCode; message: string }[];
}
