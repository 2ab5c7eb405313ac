import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Result, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allows } from '../../api/allowed';
import { useMemberHomes } from '../../api/homes';
import { useMember } from '../../api/members';
import { useSession } from '../../auth/session';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { MemberFormDrawer } from '../members/MemberFormDrawer';
import { MemberHomesCard } from '../members/MemberHomesCard';
import { MemberProfile } from '../members/MemberProfile';
import { DutyRecordCard } from './DutyRecordCard';
import { StudioApplyModal } from './StudioApplyModal';
import { TrainingsCard } from './TrainingsCard';

/** 我的 (/me): a member's own profile, duty record, trainings and homes, and applying for a studio. Made for a phone. */
export default function MePage() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const memberId = session?.user.memberId ?? null;
  const member = useMember(memberId);
  const homes = useMemberHomes(memberId);
  const [apply, setApply] = useState({ open: false, seq: 0 });
  const [edit, setEdit] = useState({ open: false, seq: 0 });

  if (!memberId) {
    return <Result status="info" title={t('me.notLinked')} subTitle={t('me.notLinkedHint')} />;
  }
  const canEdit = allows(member.data, 'update') || allows(member.data, 'update_contact');

  return (
    <>
      <PageHeader
        title={t('me.title')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setApply((prev) => ({ open: true, seq: prev.seq + 1 }))}
          >
            {t('me.apply')}
          </Button>
        }
      />
      <Flex vertical gap={16}>
        <Card
          size="small"
          title={t('me.profile')}
          extra={
            canEdit ? (
              <Button
                size="small"
                icon={<EditOutlined aria-hidden />}
                onClick={() => setEdit((prev) => ({ open: true, seq: prev.seq + 1 }))}
              >
                {allows(member.data, 'update') ? t('common.edit') : t('me.editPhone')}
              </Button>
            ) : null
          }
        >
          {member.isPending ? (
            <Skeleton active />
          ) : member.isError ? (
            <LoadError error={member.error} onRetry={() => void member.refetch()} />
          ) : (
            <MemberProfile member={member.data} />
          )}
        </Card>
        <DutyRecordCard memberId={memberId} />
        {session ? <TrainingsCard userId={session.user.id} /> : null}
        <MemberHomesCard title={t('me.homes')} homes={homes} emptyText={t('me.noHomes')} />
      </Flex>
      <StudioApplyModal
        key={`apply-${apply.seq}`}
        open={apply.open}
        onClose={() => setApply((prev) => ({ ...prev, open: false }))}
      />
      {member.data ? (
        <MemberFormDrawer
          key={`edit-${edit.seq}`}
          open={edit.open}
          member={member.data}
          onClose={() => setEdit((prev) => ({ ...prev, open: false }))}
        />
      ) : null}
    </>
  );
}
