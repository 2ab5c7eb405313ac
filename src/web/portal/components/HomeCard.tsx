import { Link } from 'wouter';
import type { HomeSummary } from '../api';
import { homeKindLabel } from '../format';

/** A home's Chinese name with its Mongolian name above it, same size (the regional bilingual rule). */
export function HomeName({ home }: { home: Pick<HomeSummary, 'name' | 'nameMn'> }) {
  return (
    <>
      {home.nameMn && (
        <span lang="mn-Mong" className="name-mn">
          {home.nameMn}
        </span>
      )}
      {home.name}
    </>
  );
}

/** Where a home is: 旗区 · 苏木乡镇 (the region's own name when it is not the district itself). */
export function placeOf(home: Pick<HomeSummary, 'districtName' | 'regionName'>): string {
  const parts = [home.districtName, home.regionName !== home.districtName ? home.regionName : null];
  return parts.filter(Boolean).join(' · ');
}

export function HomeCard({ home }: { home: HomeSummary }) {
  const place = placeOf(home);
  return (
    <li className="card home-card" data-testid="home-card">
      <h3>
        <Link href={`/homes/${encodeURIComponent(home.id)}`}>
          <HomeName home={home} />
        </Link>
      </h3>
      <p>
        <span className="tag">{homeKindLabel(home.kind)}</span>
        {home.brand && <span className="tag">{home.brand}</span>}
        {home.online && <span className="tag">线上</span>}
      </p>
      {place && <p className="muted">{place}</p>}
      {home.directorName && <p>负责人：{home.directorName}</p>}
    </li>
  );
}
