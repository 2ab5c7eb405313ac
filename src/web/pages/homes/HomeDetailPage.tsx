import { EditOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Skeleton, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { HomeAction } from '../../../domain/home-workflow';
import { allows } from '../../api/allowed';
import { useHome, useHomeAttachments } from '../../api/homes';
import { ABILITIES, type Attachment, type HomeDetail, type HomeMember } from '../../api/types';
import { hasAbility, useSession } from '../../auth/session';
import { formatDateTime, formatFileSize } from '../../components/format';
import { HomeStatusTag } from '../../components/HomeStatusTag';
import { homeActionLabel, isHomeAction } from '../../components/homeLabels';
import { LoadError } from '../../components/LoadError';
import { MongolianName } from '../../components/MongolianName';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { DANGER_ACTIONS } from './actionFields';
import { HomeHistory } from './HomeHistory';
import { AttachmentLink, HomeFacts } from './homeParts';
import { DutyTab } from './operations/DutyTab';
import { FundsTab } from './operations/FundsTab';
import { HomeActivitiesTab } from './operations/HomeActivitiesTab';
import { PlanTab } from './operations/PlanTab';
import { RulesTab } from './operations/RulesTab';
import { ScorecardTab } from './operations/ScorecardTab';
import { SummaryTab } from './operations/SummaryTab';
import { SignPrints } from './SignPrints';
import { TransitionModal } from './TransitionModal';

const TABS = [
  'basic',
  'members',
  'scorecard',
  'plan',
  'summary',
  'activities',
  'duty',
  'funds',
  'rules',
  'history',
  'attachments',
] as const;
type Tab = (typeof TABS)[number];

const ROLE_ORDER: Record<string, number> = { director: 0, deputy: 1, member: 2 };

interface TransitionState {
  action?: HomeAction;
  open: boolean;
  seq: number;
}

/** 委员之家 detail (/homes/:id): facts, members, workflow history, attachments and the next steps. */
export default function HomeDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams();
  const { data: session } = useSession();
  const home = useHome(id);
  const [searchParams, setSearchParams] = useSearchParams();
  const [transition, setTransition] = useState<TransitionState>({ open: false, seq: 0 });

  if (home.isPending) return <PageLoading />;
  if (home.isError) return <LoadError page error={home.error} onRetry={() => void home.refetch()} />;
  const data = home.data;
  const path = `/homes/${encodeURIComponent(data.id)}`;
  const tabParam = searchParams.get('tab');
  const canReadActivities = hasAbility(session, ABILITIES.activityRead);
  const known = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as Tab) : 'basic';
  const canReadFunds = hasAbility(session, ABILITIES.fundsRead) && data.readsFunds;
  const hidden = (known === 'activities' && !canReadActivities) || (known === 'funds' && !canReadFunds);
  const tab: Tab = hidden ? 'basic' : known;
  const actions = data.allowedActions.filter(isHomeAction);

  return (
    <>
      <PageHeader
        title={data.name}
        back={hasAbility(session, ABILITIES.homeRead) ? '/homes' : '/me'}
        tags={<HomeStatusTag status={data.status} />}
        extra={
          <>
            {actions.map((action) => (
              <Button
                key={action}
                type={DANGER_ACTIONS.includes(action) ? 'default' : 'primary'}
                danger={DANGER_ACTIONS.includes(action)}
                onClick={() => setTransition((prev) => ({ action, open: true, seq: prev.seq + 1 }))}
              >
                {homeActionLabel(t, action)}
              </Button>
            ))}
            {allows(data, 'update') ? (
              <Button icon={<EditOutlined aria-hidden />} onClick={() => void navigate(`${path}/edit`)}>
                {t('common.edit')}
              </Button>
            ) : null}
            <Button icon={<PrinterOutlined aria-hidden />} onClick={() => void navigate(`${path}/record`)}>
              {t('homes.detail.print')}
            </Button>
            {hasAbility(session, ABILITIES.homeSigns) ? <SignPrints homeId={data.id} /> : null}
          </>
        }
      />
      {data.nameMn ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          <MongolianName text={data.nameMn} reviewed={data.nameMnReviewed} />
        </Typography.Paragraph>
      ) : null}
      {data.warnings?.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('homes.detail.warnings')}
          description={data.warnings.map((warning) => (
            <div key={`${warning.code}:${warning.message}`}>{warning.message}</div>
          ))}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Tabs
        activeKey={tab}
        onChange={(next) =>
          setSearchParams(
            (prev) => {
              const params = new URLSearchParams(prev);
              params.delete('page');
              params.delete('pageSize');
              if (next === 'basic') params.delete('tab');
              else params.set('tab', next);
              return params;
            },
            { replace: true },
          )
        }
        items={[
          { key: 'basic', label: t('homes.detail.basic'), children: <HomeFacts home={data} /> },
          { key: 'members', label: t('homes.detail.members'), children: <MembersTab home={data} /> },
          // Running the home; a tab's data loads when it is first opened.
          { key: 'scorecard', label: t('homes.detail.scorecard'), children: <ScorecardTab home={data} /> },
          { key: 'plan', label: t('homes.detail.plan'), children: <PlanTab home={data} /> },
          { key: 'summary', label: t('homes.detail.summary'), children: <SummaryTab home={data} /> },
          ...(canReadActivities
            ? [
                {
                  key: 'activities',
                  label: t('homes.detail.activities'),
                  children: <HomeActivitiesTab home={data} />,
                },
              ]
            : []),
          { key: 'duty', label: t('homes.detail.duty'), children: <DutyTab home={data} /> },
          ...(canReadFunds
            ? [{ key: 'funds', label: t('homes.detail.funds'), children: <FundsTab home={data} /> }]
            : []),
          { key: 'rules', label: t('homes.detail.rules'), children: <RulesTab home={data} /> },
          { key: 'history', label: t('homes.detail.history'), children: <HomeHistory homeId={data.id} /> },
          {
            key: 'attachments',
            label: t('homes.detail.attachments'),
            children: <AttachmentsTab homeId={data.id} />,
          },
        ]}
      />
      {transition.action ? (
        <TransitionModal
          key={transition.seq}
          open={transition.open}
          home={data}
          action={transition.action}
          onClose={() => setTransition((prev) => ({ ...prev, open: false }))}
        />
      ) : null}
    </>
  );
}

function MembersTab({ home }: { home: HomeDetail }) {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const canOpen = hasAbility(session, ABILITIES.memberRead);
  const members = [...home.members].sort((a, b) => (ROLE_ORDER[a.role] ?? 3) - (ROLE_ORDER[b.role] ?? 3));
  const columns: ColumnsType<HomeMember> = [
    {
      title: t('homes.memberName'),
      key: 'name',
      render: (_, member) =>
        canOpen ? <Link to={`/members/${encodeURIComponent(member.id)}`}>{member.name}</Link> : member.name,
    },
    { title: t('members.sector'), key: 'sector', render: (_, member) => member.sector ?? '-' },
    {
      title: t('homes.memberRole'),
      key: 'role',
      render: (_, member) => (member.role in ROLE_ORDER ? t(`homeMemberRoles.${member.role}`) : member.role),
    },
  ];
  return (
    <Table<HomeMember>
      size="small"
      rowKey={(member) => `${member.id}:${member.role}`}
      columns={columns}
      dataSource={members}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('homes.detail.noMembers')} />,
      }}
    />
  );
}

function AttachmentsTab({ homeId }: { homeId: string }) {
  const { t } = useTranslation();
  const attachments = useHomeAttachments(homeId);
  if (attachments.isPending) return <Skeleton active title={false} />;
  if (attachments.isError) {
    return <LoadError error={attachments.error} onRetry={() => void attachments.refetch()} />;
  }
  const columns: ColumnsType<Attachment> = [
    {
      title: t('homes.filename'),
      key: 'filename',
      render: (_, attachment) => <AttachmentLink attachment={attachment} showSize={false} />,
    },
    { title: t('homes.size'), key: 'size', render: (_, attachment) => formatFileSize(attachment.size) },
    {
      title: t('homes.uploadedAt'),
      key: 'createdAt',
      render: (_, attachment) => (attachment.createdAt ? formatDateTime(attachment.createdAt, false) : '-'),
    },
  ];
  return (
    <Table<Attachment>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={attachments.data}
      pagination={attachments.data.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 'max-content' }}
      locale={{
        emptyText: (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('homes.detail.noAttachments')} />
        ),
      }}
    />
  );
}
