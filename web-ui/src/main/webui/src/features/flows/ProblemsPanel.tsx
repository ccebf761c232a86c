import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DesignerEdge, DesignerNode, PlacedProblems } from './graph';
import type { FlowProblem } from './types';

interface Entry {
  key: string;
  where: string;
  problem: FlowProblem;
  select?: () => void;
}

/**
 * Every problem the server found, as of the last save or publish: the graph's own, then each node's
 * and edge's; clicking one selects what it is about.
 */
export function ProblemsPanel({ problems, nodes, edges, onSelectNode, onSelectEdge }: {
  problems: PlacedProblems;
  nodes: DesignerNode[];
  edges: DesignerEdge[];
  onSelectNode: (id: string) => void;
  onSelectEdge: (id: string) => void;
}) {
  const { t } = useTranslation();
  const nodeName = (id: string) => {
    const n = nodes.find((x) => x.id === id);
    return n ? n.data.name || t(`flows.node.${n.data.type}`, { defaultValue: n.data.type }) : id;
  };
  const entries: Entry[] = [
    ...problems.graph.map((p, i) => ({ key: `g${i}`, where: t('flows.designer.graphProblem'), problem: p })),
    ...Object.entries(problems.nodes).flatMap(([id, list]) =>
      list.map((p, i) => ({
        key: `n:${id}:${i}`,
        where: nodeName(id),
        problem: p,
        select: nodes.some((n) => n.id === id) ? () => onSelectNode(id) : undefined,
      })),
    ),
    ...Object.entries(problems.edges).flatMap(([id, list]) => {
      const e = edges.find((x) => x.id === id);
      return list.map((p, i) => ({
        key: `e:${id}:${i}`,
        where: e ? t('flows.designer.edgeProblem', { from: nodeName(e.source), to: nodeName(e.target) }) : id,
        problem: p,
        select: e ? () => onSelectEdge(id) : undefined,
      }));
    }),
  ];
  if (!entries.length) return <Alert type="success" showIcon title={t('flows.designer.noProblems')} data-testid="flow-problems-none" />;
  return (
    <div data-testid="flow-problems">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('flows.designer.problemsHint')}</Typography.Text>
      {entries.map((e) => (
        <div
          key={e.key}
          role={e.select ? 'button' : undefined}
          tabIndex={e.select ? 0 : undefined}
          onClick={e.select}
          onKeyDown={(k) => (k.key === 'Enter' || k.key === ' ') && e.select?.()}
          style={{ cursor: e.select ? 'pointer' : undefined, padding: '6px 4px', borderBottom: '1px solid #f0f0f0' }}
          data-testid="flow-problem"
          data-field={e.problem.field}
        >
          <Typography.Text strong style={{ fontSize: 12 }}>{e.where}</Typography.Text>
          <div><Typography.Text type="danger">{e.problem.message}</Typography.Text></div>
        </div>
      ))}
    </div>
  );
}
