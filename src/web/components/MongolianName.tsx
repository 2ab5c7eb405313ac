import { Tag, Tooltip } from 'antd';

/**
 * A Mongolian name in the admin UI: marked `lang="mn-Mong"` so the product's Mongolian font comes
 * first (src/web/mongolian.css) and Chromium shapes it whole, set horizontally as the admin is,
 * with 待审校 while no translator has reviewed it.
 */
export function MongolianName({ text, reviewed }: { text: string | null; reviewed?: boolean }) {
  if (!text) return <>-</>;
  return (
    <span>
      <span lang="mn-Mong" className="mongolian-name">
        {text}
      </span>
      {reviewed === false ? (
        <Tooltip title="蒙古文译名尚未经翻译人员审校，打印的标识牌上会标注“蒙古文未审校”">
          <Tag color="orange" style={{ marginInlineStart: 8 }}>
            待审校
          </Tag>
        </Tooltip>
      ) : null}
    </span>
  );
}
