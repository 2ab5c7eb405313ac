import { Link } from 'wouter';
import { usePageTitle } from '../layout';

export function NotFoundPage() {
  usePageTitle('页面不存在');
  return (
    <>
      <h1>页面不存在</h1>
      <p>您要找的页面不存在或已移动。</p>
      <Link href="/" className="button">
        返回首页
      </Link>
    </>
  );
}
