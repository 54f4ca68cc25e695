import { useRef, useState, type ChangeEvent } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { ImportRowError } from '@tj/shared';
import { toApiError } from '../../services/api-error';
import { ImportRowsError, chooseExcelInWeapp, downloadExcel, uploadExcel, type PickedFile } from '../../services/files';
import { StatusTag } from '../status-tag';
import './index.css';

export interface ExcelImportProps {
  /** What one row is, in the documents' words: 下级组织, 团干部. */
  what: string;
  templatePath: string;
  /** File name the template is saved under (H5). */
  templateName: string;
  uploadPath: string;
  /** Column names for the fields the server names in row errors. */
  fieldLabels?: Readonly<Record<string, string>>;
  onImported?: (count: number) => void;
}

type Result = { kind: 'done'; count: number } | { kind: 'rows'; message: string; rows: ImportRowError[] } | { kind: 'error'; message: string };

const isH5 = process.env.TARO_ENV !== 'weapp';

/**
 * §3.4 Excel import (sub-orgs, roster): download the template, fill it in, upload. The
 * server imports all rows or none; a refusal lists every bad row with its sheet row number.
 */
export function ExcelImport({ what, templatePath, templateName, uploadPath, fieldLabels = {}, onImported }: ExcelImportProps) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<'template' | 'upload' | null>(null);
  const [fileName, setFileName] = useState('');
  const [result, setResult] = useState<Result | null>(null);

  const template = async () => {
    setBusy('template');
    try {
      await downloadExcel(templatePath, templateName);
    } catch (e) {
      setResult({ kind: 'error', message: toApiError(e).message });
    } finally {
      setBusy(null);
    }
  };

  const upload = async (picked: PickedFile) => {
    setFileName(picked.kind === 'web' ? picked.file.name : picked.name);
    setBusy('upload');
    setResult(null);
    try {
      const { imported } = await uploadExcel(uploadPath, picked);
      setResult({ kind: 'done', count: imported });
      onImported?.(imported);
    } catch (e) {
      if (e instanceof ImportRowsError) setResult({ kind: 'rows', message: e.message, rows: e.rows });
      else setResult({ kind: 'error', message: toApiError(e).message });
    } finally {
      setBusy(null);
    }
  };

  const pick = async () => {
    if (isH5) {
      fileInput.current?.click();
      return;
    }
    try {
      await upload(await chooseExcelInWeapp());
    } catch {
      // closing the chooser is not an error
    }
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared so picking the same (corrected) file again fires another change.
    event.target.value = '';
    if (file) void upload({ kind: 'web', file });
  };

  return (
    <View className='excel-import' data-testid='excel-import'>
      <View className='excel-import__step'>
        <View className='excel-import__step-head'>
          <Text className='excel-import__step-no'>1</Text>
          <Text className='excel-import__step-title'>下载模板</Text>
        </View>
        <Text className='excel-import__text'>按模板填写，每行一个{what}，请勿修改表头和列的顺序。</Text>
        <Button size='small' type='primary' fill='outline' loading={busy === 'template'} disabled={busy !== null} onClick={template} data-testid='import-template'>
          模板下载
        </Button>
      </View>

      <View className='excel-import__step'>
        <View className='excel-import__step-head'>
          <Text className='excel-import__step-no'>2</Text>
          <Text className='excel-import__step-title'>上传并导入</Text>
        </View>
        <Text className='excel-import__text'>
          仅支持 .xlsx 文件。任何一行有错误时全部不导入，请按提示修改后重新上传。
          {isH5 ? '' : '请先把文件发送到微信聊天中，再从聊天记录选择。'}
        </Text>
        <Button size='small' type='primary' loading={busy === 'upload'} disabled={busy !== null} onClick={pick} data-testid='import-upload'>
          选择文件并导入
        </Button>
        {fileName ? (
          <Text className='excel-import__file' data-testid='import-file-name'>
            文件：{fileName}
          </Text>
        ) : null}
        {isH5 ? (
          <input
            ref={fileInput}
            className='excel-import__input'
            type='file'
            accept='.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
            onChange={onFile}
            data-testid='import-file'
          />
        ) : null}
      </View>

      {result?.kind === 'done' ? (
        <View className='excel-import__result excel-import__result--ok' data-testid='import-success'>
          已成功导入 {result.count} 个{what}
        </View>
      ) : null}
      {result?.kind === 'error' ? (
        <View className='excel-import__result excel-import__result--error' data-testid='import-error'>
          {result.message}
        </View>
      ) : null}
      {result?.kind === 'rows' ? (
        <View className='excel-import__result excel-import__result--error' data-testid='import-error'>
          <Text className='excel-import__summary'>{result.message}</Text>
          <View className='excel-import__rows' data-testid='import-row-errors'>
            {result.rows.map((r, i) => (
              <View key={`${r.row}-${r.field ?? ''}-${i}`} className='excel-import__row' data-testid={`import-row-${r.row}`}>
                <StatusTag tone='red'>第{r.row}行</StatusTag>
                <Text className='excel-import__row-text'>
                  {r.field && fieldLabels[r.field] ? `${fieldLabels[r.field]}：` : ''}
                  {r.message}
                </Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
}
