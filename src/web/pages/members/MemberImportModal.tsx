import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Flex,
  Modal,
  Progress,
  Result,
  Spin,
  Table,
  Typography,
  Upload,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiUrl, errorMessage } from '../../api/client';
import { importMembers, MEMBERS_KEY, MEMBERS_TEMPLATE_PATH } from '../../api/members';
import type { ImportError, ImportResult } from '../../api/types';

type Phase = 'pick' | 'uploading' | 'processing' | 'result';

import { XLSX_TYPE } from '../../../lib/files';

interface MemberImportModalProps {
  open: boolean;
  onClose: () => void;
}

/**
 * 导入委员: choose one .xlsx, send it with upload progress, wait while the server checks and
 * writes it, then show what was created / updated / left unchanged (and how many masked phones
 * were kept), the read-only rows whose changes were not taken, or the errors per row and column.
 * Mount with a new `key` for each opening.
 */
export function MemberImportModal({ open, onClose }: MemberImportModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<Phase>('pick');
  const [file, setFile] = useState<File | null>(null);
  const [partial, setPartial] = useState(false);
  const [percent, setPercent] = useState(0);
  const [result, setResult] = useState<{ value: ImportResult; partial: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = phase === 'uploading' || phase === 'processing';

  const run = async (withPartial: boolean) => {
    if (!file) {
      setError(t('members.importDialog.fileRequired'));
      return;
    }
    setError(null);
    setPercent(0);
    setPhase('uploading');
    try {
      const value = await importMembers(file, withPartial, (sent) => {
        setPercent(sent);
        if (sent >= 100) setPhase('processing');
      });
      setResult({ value, partial: withPartial });
      setPhase('result');
      if (value.created + value.updated > 0) await queryClient.invalidateQueries({ queryKey: [MEMBERS_KEY] });
    } catch (cause) {
      setError(errorMessage(cause));
      setPhase('pick');
    }
  };

  const startOver = () => {
    setResult(null);
    setFile(null);
    setError(null);
    setPhase('pick');
  };

  // a blocked file answers all counts 0; a partial import whose good rows were all unchanged is not a failure
  const nothingWritten =
    result !== null &&
    result.value.errors.length > 0 &&
    result.value.created + result.value.updated + result.value.unchanged === 0;

  let footer: ReactNode[] = [];
  if (phase === 'pick') {
    footer = [
      <Button key="cancel" onClick={onClose}>
        {t('common.cancel')}
      </Button>,
      <Button key="start" type="primary" disabled={!file} onClick={() => void run(partial)}>
        {t('members.importDialog.start')}
      </Button>,
    ];
  } else if (phase === 'result') {
    footer = [
      <Button key="again" onClick={startOver}>
        {t('members.importDialog.again')}
      </Button>,
      nothingWritten && !result?.partial ? (
        <Button key="partial" onClick={() => void run(true)}>
          {t('members.importDialog.retryPartial')}
        </Button>
      ) : null,
      <Button key="close" type="primary" onClick={onClose}>
        {t('common.close')}
      </Button>,
    ];
  }

  return (
    <Modal
      open={open}
      title={t('members.importDialog.title')}
      onCancel={busy ? undefined : onClose}
      closable={!busy}
      keyboard={!busy}
      mask={{ closable: false }}
      footer={footer}
      width={720}
    >
      {phase === 'pick' ? (
        <Flex vertical gap={16}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('members.importDialog.hintById')}{' '}
            <a href={apiUrl(MEMBERS_TEMPLATE_PATH)} download>
              <DownloadOutlined aria-hidden /> {t('members.template')}
            </a>
          </Typography.Paragraph>
          {error ? (
            <Alert type="error" showIcon title={t('members.importDialog.failed')} description={error} />
          ) : null}
          <Upload.Dragger
            accept={`.xlsx,${XLSX_TYPE}`}
            maxCount={1}
            fileList={file ? [{ uid: 'import', name: file.name, status: 'done' }] : []}
            beforeUpload={(chosen) => {
              if (!chosen.name.toLowerCase().endsWith('.xlsx')) {
                void message.error(t('members.importDialog.onlyXlsx'));
                return Upload.LIST_IGNORE;
              }
              setFile(chosen);
              setError(null);
              return false;
            }}
            onRemove={() => {
              setFile(null);
              return true;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined aria-hidden />
            </p>
            <p className="ant-upload-text">{t('members.importDialog.pickFile')}</p>
          </Upload.Dragger>
          <div>
            <Checkbox checked={partial} onChange={(event) => setPartial(event.target.checked)}>
              {t('members.importDialog.partial')}
            </Checkbox>
            <div>
              <Typography.Text type="secondary">{t('members.importDialog.partialHint')}</Typography.Text>
            </div>
          </div>
        </Flex>
      ) : null}
      {phase === 'uploading' ? (
        <Flex vertical gap={8} style={{ padding: '24px 0' }}>
          <Typography.Text>{t('members.importDialog.uploading')}</Typography.Text>
          <Progress percent={percent} status="active" />
        </Flex>
      ) : null}
      {phase === 'processing' ? (
        <Flex justify="center" style={{ padding: '40px 0' }}>
          <Spin size="large" description={t('members.importDialog.validating')} />
        </Flex>
      ) : null}
      {phase === 'result' && result ? (
        <ImportOutcome result={result.value} nothingWritten={nothingWritten} />
      ) : null}
    </Modal>
  );
}

/** Rows of the file with what is said about each (an error, or a read-only row's changed columns). */
function RowNotes({
  notes,
  fieldTitle,
  messageTitle,
}: {
  notes: ImportError[];
  fieldTitle: string;
  messageTitle: string;
}) {
  const { t } = useTranslation();
  if (notes.length === 0) return null;
  const columns: ColumnsType<ImportError> = [
    { title: t('members.importDialog.row'), dataIndex: 'row', key: 'row', width: 80 },
    { title: fieldTitle, dataIndex: 'field', key: 'field', width: 140 },
    { title: messageTitle, dataIndex: 'message', key: 'message' },
  ];
  return (
    <Table<ImportError>
      size="small"
      rowKey={(entry) => `${entry.row}:${entry.field}:${entry.message}`}
      columns={columns}
      dataSource={notes}
      pagination={notes.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
    />
  );
}

function ImportOutcome({ result, nothingWritten }: { result: ImportResult; nothingWritten: boolean }) {
  const { t } = useTranslation();
  const table = (
    <RowNotes
      notes={result.errors}
      fieldTitle={t('members.importDialog.field')}
      messageTitle={t('members.importDialog.message')}
    />
  );
  const readOnly =
    result.warnings.length > 0 ? (
      <>
        <Alert
          type="info"
          showIcon
          title={t('members.importDialog.notManaged', { count: result.warnings.length })}
        />
        <RowNotes
          notes={result.warnings}
          fieldTitle={t('members.importDialog.changedColumns')}
          messageTitle={t('members.importDialog.note')}
        />
      </>
    ) : null;

  if (nothingWritten) {
    return (
      <Flex vertical gap={16}>
        <Alert
          type="error"
          showIcon
          title={t('members.importDialog.failedNothing', { count: result.errors.length })}
          description={t('members.importDialog.failedNothingHint')}
        />
        {table}
        {readOnly}
      </Flex>
    );
  }
  return (
    <Flex vertical gap={16}>
      <Result
        status="success"
        title={t('members.importDialog.done')}
        subTitle={t('members.importDialog.outcome', {
          created: result.created,
          updated: result.updated,
          unchanged: result.unchanged,
          unchangedMasked: result.unchangedMasked,
        })}
        style={{ padding: '16px 0' }}
      />
      {result.errors.length > 0 ? (
        <>
          <Alert
            type="warning"
            showIcon
            title={t('members.importDialog.skipped', { count: result.errors.length })}
          />
          {table}
        </>
      ) : null}
      {readOnly}
    </Flex>
  );
}
