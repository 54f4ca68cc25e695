import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import {
  ErrorMessages,
  OutOfProvinceDestinations,
  TransferDirections,
  TransferReasons,
  isKeyOf,
  isTransferOpen,
  maskMobile,
  requiresBranchDestination,
  TRANSFER_ATTACHMENT_WATERMARK,
  TRANSIT_ORG_REF,
  transferAttachmentLimitText,
  transitOrgName,
} from '@tj/shared';
import { ChoiceField, FormError, FormField, FormSection, SelectField, TextField, optionsOf } from '../../../components/form-field';
import { ImageAttachments, type UploadedImage } from '../../../components/image-attachments';
import { OrgPicker, type PickedOrg } from '../../../components/org-picker';
import { PageStatus } from '../../../components/page-status';
import { SmsCodeField } from '../../../components/sms-code-field';
import { useAsync } from '../../../hooks/use-async';
import { scrollToTop } from '../../../hooks/use-page-params';
import { useRequireLogin } from '../../../hooks/use-require-login';
import { Routes, withQuery } from '../../../routes';
import { toApiError } from '../../../services/api-error';
import { fieldErrorsOf, toOptionalText, type FieldErrors } from '../../../services/form-check';
import { sendSmsCode } from '../../../services/register';
import { applyTransfer, checkApplication, checkApplicationDraft, fetchCurrentTransfer, remarksState } from '../../../services/transfers';
import { isApproved } from '../../../services/checkin';
import { checkinStatusLabel } from '../../../labels/checkin';
import { useAppStore } from '../../../stores';
import '../../member.css';
import './index.css';

type Direction = keyof typeof TransferDirections;

/**
 * §7.1 组织关系转接 [003]: direction, destination (in-province: any branch, or a committee /
 * general branch that assigns one; out-of-province: 学习/工作单位地点 + 全团转接组织), contacts,
 * 转出原因, 备注 (≤ 100 字, live counter), 附件 (1–5 images ≤ 2 MB); 下一步 verifies the phone
 * by SMS, then the application is sent and the progress page shows whom to contact.
 */
export default function TransferApplyPage() {
  const allowed = useRequireLogin();
  const phone = useAppStore((s) => s.user?.phone ?? '');
  const current = useAsync(allowed ? fetchCurrentTransfer : null, [allowed]);
  // §7.1 only an approved member transfers (the server answers CHECKIN_REQUIRED): say so on
  // entry, before the member fills the form and passes the SMS check for nothing.
  const loadCheckin = useAppStore((s) => s.loadCheckin);
  const checkin = useAsync(allowed ? loadCheckin : null, [allowed]);
  const [direction, setDirection] = useState<Direction>('inProvince');
  const [region, setRegion] = useState('');
  const [dest, setDest] = useState<PickedOrg | null>(null);
  const [extName, setExtName] = useState('');
  const [extId, setExtId] = useState('');
  // [003 五2] not knowing the branch yet: the destination's 临时中转团组织.
  const [transit, setTransit] = useState<'known' | 'transit'>('known');
  const [superiorContact, setSuperiorContact] = useState('');
  const [contact, setContact] = useState('');
  const [reason, setReason] = useState('');
  const [remarks, setRemarks] = useState('');
  const [images, setImages] = useState<UploadedImage[]>([]);
  const [smsCode, setSmsCode] = useState('');
  const [stage, setStage] = useState<'form' | 'verify'>('form');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);

  if (!allowed) return null;

  const clear = (field: string) => setErrors((e) => ({ ...e, [field]: undefined, '': undefined }));
  const out = direction === 'outOfProvince';
  const knownRegion = isKeyOf(OutOfProvinceDestinations, region) ? region : null;
  const toTransit = out && transit === 'transit';
  const needsBranch = out && !toTransit && knownRegion != null && requiresBranchDestination(knownRegion);
  const attachmentRegion = out ? knownRegion : null;
  const remarkInfo = remarksState(remarks);

  const body = (code: string) => ({
    direction,
    destinationRegion: out ? region || undefined : undefined,
    destinationOrgId: toTransit ? TRANSIT_ORG_REF : out ? extId.trim() : (dest?.id ?? ''),
    destinationOrgName: toTransit ? undefined : out ? toOptionalText(extName) : undefined,
    superiorContact: toOptionalText(superiorContact),
    contact: contact.trim(),
    reason: reason || undefined,
    remarks,
    attachments: images.map((i) => i.attachment),
    smsCode: code,
  });

  const next = () => {
    const found = checkApplicationDraft(body(''));
    // §7.1 [004 FAQ 三 2(3)]: Beijing / Fujian need a branch; the other system tells for sure.
    if (needsBranch && extName.trim() && !extName.trim().endsWith('团支部')) found.destinationOrgId ??= ErrorMessages.TRANSFER_DESTINATION_NOT_BRANCH;
    if (out && !toTransit && !extName.trim()) found.destinationOrgName ??= '请输入全团转接组织的标准名称';
    if (Object.values(found).some(Boolean)) {
      setErrors(found);
      return;
    }
    setErrors({});
    setStage('verify');
    scrollToTop();
  };

  const send = async () => {
    try {
      await sendSmsCode(phone, 'transfer');
      clear('smsCode');
      return true;
    } catch (e) {
      setErrors((prev) => ({ ...prev, smsCode: toApiError(e).message }));
      return false;
    }
  };

  const submit = async () => {
    const checked = checkApplication(body(smsCode));
    if (!checked.ok) {
      setErrors(checked.errors);
      if (Object.keys(checked.errors).some((k) => k !== 'smsCode')) setStage('form');
      return;
    }
    setSubmitting(true);
    try {
      const t = await applyTransfer(checked.data);
      void Taro.redirectTo({ url: withQuery(Routes.memberTransferProgress, { id: t.id, applied: '1' }) });
    } catch (e) {
      const errors = fieldErrorsOf(toApiError(e));
      setErrors(errors);
      // A form field's error is shown on the form, not on the SMS step.
      if (!('' in errors) && !('smsCode' in errors)) setStage('form');
    } finally {
      setSubmitting(false);
    }
  };

  const open = current.data && isTransferOpen(current.data.status as never) ? current.data : null;

  return (
    <View className='member-page' data-testid='transfer-apply'>
      <PageStatus loading={current.loading || checkin.loading} error={checkin.error} onRetry={checkin.reload} testId='transfer-apply'>
        {checkin.data && !isApproved(checkin.data) ? (
          <>
            <View className='member-notice' data-testid='transfer-apply-not-approved'>
              {ErrorMessages.CHECKIN_REQUIRED}。组织关系转接需在报到审核通过后申请，您当前的报到状态：{checkinStatusLabel(checkin.data.status)}。
            </View>
            <View className='member-actions'>
              <Button type='primary' block onClick={() => void Taro.redirectTo({ url: Routes.status })} data-testid='transfer-apply-status'>
                查看报到状态
              </Button>
            </View>
          </>
        ) : !checkin.data ? null : open ? (
          <>
            <View className='member-notice' data-testid='transfer-apply-open'>
              {ErrorMessages.TRANSFER_OPEN_EXISTS}
            </View>
            <View className='member-actions'>
              <Button type='primary' block onClick={() => void Taro.redirectTo({ url: withQuery(Routes.memberTransferProgress, { id: open.id }) })} data-testid='transfer-apply-progress'>
                查看转接进度
              </Button>
            </View>
          </>
        ) : stage === 'verify' ? (
          <>
            <FormSection title='验证手机号码' testId='transfer-verify'>
              <View className='ta-verify'>
                <Text className='member-text'>为确认是您本人办理组织关系转接，将向您的手机号码发送验证码</Text>
                <Text className='ta-verify__phone' data-testid='transfer-verify-phone'>
                  {phone ? maskMobile(phone) : ''}
                </Text>
              </View>
              <SmsCodeField
                value={smsCode}
                onChange={(v) => {
                  setSmsCode(v);
                  clear('smsCode');
                }}
                onSend={send}
                error={errors.smsCode}
                name='smsCode'
                placeholder='请输入6位验证码'
                testIds={{ input: 'transfer-smsCode-input', send: 'transfer-sms-send', field: 'transfer-smsCode' }}
              />
            </FormSection>
            <FormError message={errors['']} testId='transfer-apply-error' />
            <View className='member-actions'>
              <Button type='primary' size='large' block loading={submitting} disabled={submitting} onClick={submit} data-testid='transfer-submit'>
                提交转接申请
              </Button>
              <Button block onClick={() => setStage('form')} data-testid='transfer-back'>
                返回修改
              </Button>
            </View>
          </>
        ) : (
          <>
            <View className='member-notice member-notice--info'>
              团员外出学习、工作、生活6个月以上并且地点相对固定的，一般应当将组织关系转至外出地的团组织。请先与待转入团支部联系，明确其标准名称后再选择。
            </View>
            <FormSection title='转入组织'>
              <ChoiceField
                label='转接方向'
                required
                value={direction}
                options={optionsOf(TransferDirections)}
                onChange={(v) => {
                  setDirection(v as Direction);
                  setErrors({});
                }}
                testId='transfer-direction'
              />
              {out ? (
                <>
                  <SelectField
                    label='学习/工作单位地点'
                    required
                    value={region}
                    options={optionsOf(OutOfProvinceDestinations)}
                    onChange={(v) => {
                      setRegion(v);
                      clear('destinationRegion');
                    }}
                    error={errors.destinationRegion}
                    hint='在全国铁路、民航、中央和国家机关、中央金融、中央企业工作或学习的，请直接选择相应系统，不按所在地选择省份'
                    testId='transfer-region'
                  />
                  <ChoiceField
                    label='转入团组织是否明确'
                    required
                    value={transit}
                    options={[
                      { value: 'known', label: '已明确' },
                      { value: 'transit', label: '暂不明确' },
                    ]}
                    onChange={(v) => {
                      setTransit(v as 'known' | 'transit');
                      clear('destinationOrgName');
                      clear('destinationOrgId');
                    }}
                    testId='transfer-transit'
                  />
                  {toTransit ? (
                    <View className='member-notice member-notice--info' data-testid='transfer-transit-note'>
                      暂不清楚转入团支部的，组织关系将先转至{knownRegion ? transitOrgName(knownRegion) : '转入地的临时中转团组织'}，明确团支部后再由其转出。
                    </View>
                  ) : (
                    <>
                      <TextField
                        label='全团转接组织'
                        required
                        value={extName}
                        onChange={(v) => {
                          setExtName(v);
                          clear('destinationOrgName');
                          clear('destinationOrgId');
                        }}
                        placeholder='待转入团组织的标准名称'
                        multiline
                        error={errors.destinationOrgName}
                        hint={needsBranch ? '转至北京、福建的，须选择具体的团支部' : '请先与待转入团组织联系，确认其标准名称'}
                        testId='transfer-ext-name'
                      />
                      <TextField
                        label='组织编码'
                        required
                        value={extId}
                        onChange={(v) => {
                          setExtId(v);
                          clear('destinationOrgId');
                        }}
                        placeholder='待转入团组织提供的组织编码'
                        error={errors.destinationOrgId}
                        testId='transfer-ext-id'
                      />
                    </>
                  )}
                </>
              ) : (
                <FormField label='转入团组织' required error={errors.destinationOrgId} hint='可选择团支部；选择团委、团工委或团总支的，由其分配团支部' testId='transfer-dest'>
                  <OrgPicker
                    value={dest}
                    onChange={(o) => {
                      setDest(o);
                      clear('destinationOrgId');
                    }}
                    refuse={(o) => (o.type === 'leadingOrgan' ? ErrorMessages.TRANSFER_DESTINATION_INVALID : null)}
                    testId='transfer-dest-picker'
                  />
                </FormField>
              )}
            </FormSection>

            <FormSection title='联系方式与原因'>
              <TextField
                label='转出团支部的直属上级联系方式'
                value={superiorContact}
                onChange={(v) => {
                  setSuperiorContact(v);
                  clear('superiorContact');
                }}
                placeholder='选填，如：计算机学院团总支 020-8411xxxx'
                error={errors.superiorContact}
                testId='transfer-superiorContact'
              />
              <TextField
                label='常用联系人的联系方式'
                required
                value={contact}
                onChange={(v) => {
                  setContact(v);
                  clear('contact');
                }}
                placeholder='如：本人或家人的手机号码'
                error={errors.contact}
                testId='transfer-contact'
              />
              <SelectField
                label='转出原因'
                required
                value={reason}
                options={optionsOf(TransferReasons)}
                onChange={(v) => {
                  setReason(v);
                  clear('reason');
                }}
                error={errors.reason}
                testId='transfer-reason'
              />
              <FormField label='备注' required error={remarkInfo.error ?? errors.remarks} testId='transfer-remarks'>
                <View className='ta-remarks' data-testid='transfer-remarks-input'>
                  <TextArea
                    value={remarks}
                    onChange={(v) => {
                      setRemarks(v);
                      clear('remarks');
                    }}
                    placeholder={`最多${remarkInfo.max}字，原因为“其他”的请在此说明`}
                  />
                  <Text className={`ta-remarks__count${remarkInfo.error ? ' ta-remarks__count--over' : ''}`} data-testid='transfer-remarks-count'>
                    {remarkInfo.count}/{remarkInfo.max}
                  </Text>
                </View>
              </FormField>
            </FormSection>

            <FormSection title='附件'>
              <FormField
                label='附件上传'
                required
                error={errors.attachments}
                hint={`请上传相关证明材料：图片最多上传5张，${transferAttachmentLimitText(attachmentRegion)}`}
                testId='transfer-attachments'
              >
                <ImageAttachments
                  destinationRegion={attachmentRegion}
                  value={images}
                  onChange={(v) => {
                    setImages(v);
                    clear('attachments');
                  }}
                  onError={(m) => setErrors((e) => ({ ...e, attachments: m || undefined }))}
                  testId='transfer-images'
                />
              </FormField>
              <Text className='ta-watermark' data-testid='transfer-watermark-note'>
                ※ 为确保您的转接工作顺利进行，请上传相关证明材料。您上传的材料我们会添加水印“{TRANSFER_ATTACHMENT_WATERMARK}”。
              </Text>
            </FormSection>

            <FormError message={errors['']} testId='transfer-apply-error' />
            <View className='member-actions'>
              <Button type='primary' size='large' block onClick={next} data-testid='transfer-next'>
                下一步
              </Button>
              <Button block onClick={() => void Taro.navigateTo({ url: Routes.memberTransferHistory })} data-testid='transfer-history-link'>
                我的组织关系转接历史
              </Button>
            </View>
          </>
        )}
      </PageStatus>
    </View>
  );
}
