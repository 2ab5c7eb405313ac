import { EditOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { allows } from '../../api/allowed';
import { useMemberHomes } from '../../api/homes';
import { useMember } from '../../api/members';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { MemberFormDrawer } from './MemberFormDrawer';
import { MemberHomesCard } from './MemberHomesCard';
import { MemberProfile } from './MemberProfile';

/** 委员信息 (/members/:id): the member's fields and homes; edit when the server allows. */
export default function MemberDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const member = useMember(id);
  const homes = useMemberHomes(id);
  const [drawer, setDrawer] = useState({ open: false, seq: 0 });

  if (member.isPending) return <PageLoading />;
  if (member.isError) return <LoadError page error={member.error} onRetry={() => void member.refetch()} />;
  const data = member.data;
  const canEdit = allows(data, 'update') || allows(data, 'update_contact');

  return (
    <>
      <PageHeader
        title={data.name}
        back="/members"
        extra={
          canEdit ? (
            <Button
              icon={<EditOutlined aria-hidden />}
              onClick={() => setDrawer((prev) => ({ open: true, seq: prev.seq + 1 }))}
            >
              {t('common.edit')}
            </Button>
          ) : null
        }
      />
      <Flex vertical gap={16}>
        <MemberProfile member={data} />
        <MemberHomesCard title={t('members.homes')} homes={homes} emptyText={t('members.noHomes')} />
      </Flex>
      <MemberFormDrawer
        key={drawer.seq}
        open={drawer.open}
        member={data}
        onClose={() => setDrawer((prev) => ({ ...prev, open: false }))}
      />
    </>
  );
}
