import { Link, useParams } from 'wouter';
import { CopyButton } from '../components/CopyButton';
import { usePageTitle } from '../layout';

export function OpinionDonePage() {
  usePageTitle('意见已提交');
  const { code } = useParams<{ code: string }>();
  return (
    <>
      <h1>意见已提交</h1>
      <div className="card">
        <p>感谢您的意见！工作人员会尽快受理，并由委员跟进办理。</p>
        <p>
          <strong>您的查询码：</strong>
        </p>
        <output className="code-box" aria-label={`查询码 ${code}`}>
          {code}
        </output>
        <div className="actions">
          <CopyButton text={code} />
        </div>
        <p className="alert alert-ok">请把查询码抄写下来或截图保存，查看办理进度和答复时需要凭这个查询码。</p>
        <div className="actions">
          <Link href={`/track/${encodeURIComponent(code)}`} className="button">
            查看办理进度
          </Link>
          <Link href="/" className="button-secondary">
            返回首页
          </Link>
        </div>
      </div>
    </>
  );
}
