// @vitest-environment jsdom
/**
 * The rule journey of e2e/rules.e2e.mjs, in jsdom against an in-memory fake of the rule API: the
 * same data-testids, so a broken selector shows up here before it does in the browser journey.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../App';
import { changeLanguage } from '../../i18n';
import type { DryRun, Rule, RuleDraft, RuleRun } from '../../api/types';
import { installDomShims, json } from '../../testing/dom';

const ALL = ['workspace.manage', 'app.view', 'app.manage', 'member.view', 'member.manage', 'role.manage', 'audit.read'];

const PUBLISH_SCHEMA = {
  type: 'object',
  required: ['eventType'],
  properties: {
    eventType: { type: 'string', title: '事件类型' },
    payload: { type: 'object', title: '内容', additionalProperties: true },
  },
};

/** The fake's whole expression language: `totalSpend > 5000`, and a dangling operator is a syntax error. */
function fakeEval(expression: string, ctx: Record<string, unknown>): { value: unknown; type: string } | { error: string; position: number } {
  const e = expression.trim();
  if (!e) return { value: true, type: 'boolean' };
  if (/[>&|?:]\s*$/.test(e)) return { error: '表达式不完整', position: expression.length };
  if (e.includes('?')) return { value: Number(ctx.totalSpend) > 5000 ? '钻石' : '金卡', type: 'text' };
  return { value: Number(ctx.totalSpend) > 5000, type: 'boolean' };
}

class FakeRules {
  rules: Rule[] = [];
  runs: RuleRun[] = [];
  seq = 0;
  /** Simulates another user saving the rule: the next PUT with the old ETag gets a 412. */
  bumpVersionBehindTheUsersBack = false;
  calls: { method: string; path: string; headers: Record<string, string>; body?: unknown }[] = [];

  etag = (r: Rule) => `"${r.draftVersion}"`;

  withResults(r: Rule): Rule {
    return {
      ...r,
      testResults: r.testCases.map((c) => {
        const v = fakeEval(r.condition, c.payload);
        const value = 'value' in v ? v.value : null;
        return { name: c.name, passed: (value === true) === (c.expect === 'match'), conditionValue: value, error: 'error' in v ? v.error : null };
      }),
    };
  }

  validate(d: RuleDraft): Response | null {
    const level = (d.actions[0]?.config?.payload as Record<string, unknown> | undefined)?.level;
    if (typeof level === 'string' && level.startsWith('=') && 'error' in fakeEval(level.slice(1), {})) {
      return json(400, {
        status: 400,
        detail: '规则有 1 处错误',
        errors: [{ field: 'actions[0].config.payload.level', code: 'expression.syntax', message: '公式不完整', position: level.length - 1 }],
      });
    }
    return null;
  }

  handle = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    this.calls.push({ method, path, headers, body });

    if (path === '/auth/me') return json(200, { id: 'u1', username: 'admin', displayName: 'Admin', platformAdmin: true, mustChangePassword: false });
    if (path === '/workspaces') return json(200, [{ id: 'w1', name: '团队', createdAt: '2026-01-01T00:00:00Z', roleId: 'r', roleName: '所有者', permissions: ALL }]);
    if (path === '/workspaces/w1/apps') return json(200, [{ id: 'a1', name: 'CRM', description: '', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' }]);
    if (path === '/expressions/functions') {
      return json(200, [{ name: 'daysSince', alias: '距今天数', category: 'date', signature: 'daysSince(date)', descriptionZh: '距今天数', descriptionEn: 'days since', example: 'daysSince(d)' }]);
    }
    if (path === '/expressions/evaluate') {
      const v = fakeEval(body.expression, body.context);
      return 'error' in v
        ? json(400, { status: 400, detail: '表达式有误', errors: [{ field: 'expression', code: 'expression.syntax', message: v.error, position: v.position }] })
        : json(200, v);
    }
    if (path === '/actions') return json(200, [{ key: 'event.publish', configSchema: PUBLISH_SCHEMA }]);

    const base = '/workspaces/w1/apps/a1';
    if (path === `${base}/rules` && method === 'GET') {
      // like the real server: no lastRun in the summaries (the list takes it from the run log)
      return json(
        200,
        this.rules.map(({ id, name, trigger, enabled, priority, draftVersion, publishedVersion, changedSincePublish, updatedAt }) => ({
          id, name, trigger, enabled, priority, draftVersion, publishedVersion, changedSincePublish, updatedAt,
        })),
      );
    }
    if (path === `${base}/rules` && method === 'POST') {
      const invalid = this.validate(body);
      if (invalid) return invalid;
      const rule = this.withResults({ ...(body as RuleDraft), id: `r${++this.seq}`, appId: 'a1', enabled: false, draftVersion: 1, publishedVersion: null, changedSincePublish: true, updatedAt: new Date().toISOString() });
      this.rules.push(rule);
      return json(201, rule, { ETag: this.etag(rule) });
    }
    if (path === `${base}/rule-runs`) {
      const ruleId = url.searchParams.get('ruleId');
      return json(200, { items: this.runs.filter((r) => !ruleId || r.ruleId === ruleId), next: null });
    }
    const m = path.match(new RegExp(`^${base}/rules/([^/]+)(?:/([a-z-]+))?$`));
    const rule = m && this.rules.find((r) => r.id === m[1]);
    if (!m || !rule) return json(404, { status: 404, detail: '规则不存在' });
    const i = this.rules.indexOf(rule);
    const sub = m[2];
    if (!sub && method === 'GET') return json(200, rule, { ETag: this.etag(rule) });
    if (!sub && method === 'PUT') {
      if (this.bumpVersionBehindTheUsersBack) {
        this.bumpVersionBehindTheUsersBack = false;
        this.rules[i] = { ...rule, draftVersion: rule.draftVersion + 1, name: `${rule.name}（他人修改）` };
      }
      if (headers['If-Match'] !== this.etag(this.rules[i])) return json(412, { status: 412, detail: '规则已被修改' });
      const invalid = this.validate(body);
      if (invalid) return invalid;
      const saved = this.withResults({ ...this.rules[i], ...(body as RuleDraft), draftVersion: this.rules[i].draftVersion + 1, changedSincePublish: true });
      this.rules[i] = saved;
      return json(200, saved, { ETag: this.etag(saved) });
    }
    if (sub === 'publish') {
      const failed = (rule.testResults ?? []).findIndex((r) => !r.passed);
      if (failed >= 0) {
        return json(422, { status: 422, detail: '有测试用例未通过', errors: [{ field: `testCases[${failed}]`, code: 'rule.testCaseFailed', message: '预期满足条件，实际不满足' }] });
      }
      this.rules[i] = { ...rule, publishedVersion: rule.draftVersion, changedSincePublish: false };
      return json(200, this.rules[i], { ETag: this.etag(this.rules[i]) });
    }
    if (sub === 'enabled') {
      if (body.enabled && rule.publishedVersion === null) return json(409, { status: 409, detail: '规则还没有发布' });
      this.rules[i] = { ...rule, enabled: body.enabled };
      return json(200, this.rules[i], { ETag: this.etag(this.rules[i]) });
    }
    if (sub === 'dry-run') {
      const v = fakeEval(rule.condition, body.payload);
      const matched = 'value' in v && v.value === true;
      const result: DryRun = {
        conditionValue: 'value' in v ? (v.value as boolean) : null,
        matched,
        actions: matched
          ? rule.actions.map((a) => ({
              action: a.action,
              valid: true,
              config: JSON.parse(JSON.stringify(a.config), (_, x) => (typeof x === 'string' && x.startsWith('=') ? (fakeEval(x.slice(1), body.payload) as { value: unknown }).value : x)),
            }))
          : [],
      };
      return json(200, result);
    }
    if (sub === 'run') {
      const run: RuleRun = {
        id: `run${this.runs.length + 1}`,
        ruleId: rule.id,
        ruleName: rule.name,
        ruleVersion: rule.publishedVersion,
        triggerType: 'manual',
        eventType: null,
        conditionResult: true,
        outcome: 'succeeded',
        actions: rule.actions.map((a) => ({ action: a.action, config: { eventType: 'customer.vip', payload: { level: '钻石' } }, outcome: 'succeeded', summary: '已发布事件 customer.vip' })),
        durationMs: 12,
        startedAt: new Date().toISOString(),
      };
      this.runs.unshift(run);
      return json(200, run);
    }
    return json(404, { status: 404, detail: 'no route' });
  };
}

let api: FakeRules;

const byId = (id: string) => screen.getByTestId(id);

function type(el: HTMLElement, value: string) {
  fireEvent.change(el, { target: { value } });
}

async function pickOption(testId: string, title: string, scope: HTMLElement = document.body) {
  fireEvent.mouseDown(within(within(scope).getByTestId(testId)).getByRole('combobox'));
  const option = await waitFor(() => {
    const o = [...document.querySelectorAll('.ant-select-item-option')].find((x) => x.getAttribute('title') === title);
    if (!o) throw new Error(`no option ${title} yet`);
    return o;
  });
  fireEvent.click(option);
}

beforeAll(() => installDomShims());

beforeEach(async () => {
  api = new FakeRules();
  vi.stubGlobal('fetch', vi.fn(api.handle));
  localStorage.clear();
  await changeLanguage('zh-CN');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('rules journey (jsdom, fake API)', { timeout: 90_000 }, () => {
  it('creates, tests, publishes, enables, dry-runs and runs a rule, then finds the run in the log', async () => {
    window.history.replaceState(null, '', '/w/w1/apps');
    render(<App />);

    // from the app card to its (empty) rule list
    fireEvent.click(await screen.findByTestId('app-rules'));
    await screen.findByTestId('rules-empty');
    expect(window.location.pathname).toBe('/w/w1/apps/a1/rules');
    fireEvent.click(byId('rule-create'));
    await waitFor(() => expect(window.location.pathname).toBe('/w/w1/apps/a1/rules/new'));

    type(await screen.findByTestId('rule-name'), '高消费升级钻石');
    fireEvent.click(byId('trigger-type-manual'));

    // two test cases first: their payloads are the live check's sample
    fireEvent.click(byId('tc-add'));
    fireEvent.click(byId('tc-add'));
    const cases = screen.getAllByTestId('test-case');
    type(within(cases[0]).getByTestId('tc-name'), '高消费近期下单');
    type(within(cases[0]).getByTestId('tc-payload'), '{"totalSpend": 6000, "lastOrderDate": "2026-11-24"}');
    fireEvent.click(within(cases[0]).getByTestId('tc-expect-match'));
    type(within(cases[1]).getByTestId('tc-name'), '低消费');
    type(within(cases[1]).getByTestId('tc-payload'), '{"totalSpend": 100, "lastOrderDate": "2026-11-24"}');
    fireEvent.click(within(cases[1]).getByTestId('tc-expect-noMatch'));

    // the condition: an incomplete one shows the error with a caret, the fixed one its value
    type(byId('formula-input'), 'totalSpend >');
    const error = await screen.findByTestId('formula-error');
    expect(error.getAttribute('data-position')).toBe('12');
    expect(within(error).getByTestId('formula-caret').textContent).toContain('^');
    type(byId('formula-input'), 'totalSpend > 5000 && 距今天数(lastOrderDate) < 30');
    const value = await screen.findByTestId('formula-value');
    expect(value.textContent).toContain('= true');
    expect(value.getAttribute('data-expression')).toBe('totalSpend > 5000 && 距今天数(lastOrderDate) < 30');

    // an event.publish action with a formula in its payload
    fireEvent.click(byId('action-add'));
    const action = () => screen.getByTestId('rule-action');
    await pickOption('rule-action-type', 'event.publish', action());
    type(await within(action()).findByTestId('cfg-eventType'), 'customer.vip');
    fireEvent.click(within(action()).getByTestId('cfg-payload-add'));
    type(within(action()).getByTestId('cfg-payload-key'), 'level');
    type(within(action()).getByTestId('cfg-payload-value'), "=totalSpend > 5000 ? '钻石' : '金卡'");
    expect((await within(action()).findByTestId('cfg-payload-value-formula-value')).textContent).toContain('"钻石"');

    // save: created, both cases pass
    fireEvent.click(byId('rule-save'));
    await waitFor(() => expect(window.location.pathname).toBe('/w/w1/apps/a1/rules/r1'));
    await waitFor(() => expect(screen.getAllByTestId('tc-result').map((x) => x.getAttribute('data-passed'))).toEqual(['true', 'true']));
    const created = api.calls.find((c) => c.method === 'POST' && c.path.endsWith('/rules'))!.body as RuleDraft;
    expect(created).toMatchObject({
      name: '高消费升级钻石',
      trigger: { type: 'manual' },
      condition: 'totalSpend > 5000 && 距今天数(lastOrderDate) < 30',
      priority: 100,
      actions: [{ action: 'event.publish', config: { eventType: 'customer.vip', payload: { level: "=totalSpend > 5000 ? '钻石' : '金卡'" } } }],
      testCases: [
        { name: '高消费近期下单', payload: { totalSpend: 6000, lastOrderDate: '2026-11-24' }, expect: 'match' },
        { name: '低消费', payload: { totalSpend: 100, lastOrderDate: '2026-11-24' }, expect: 'noMatch' },
      ],
    });
    expect(byId('rule-status').getAttribute('data-status')).toBe('draft');

    // publish, then enable
    fireEvent.click(byId('rule-publish'));
    await waitFor(() => expect(byId('rule-status').getAttribute('data-status')).toBe('published'));
    expect(byId('rule-version').getAttribute('data-published')).toBe('1');
    const enabled = byId('rule-enabled');
    await waitFor(() => expect(enabled.hasAttribute('disabled')).toBe(false));
    fireEvent.click(enabled);
    await waitFor(() => expect(byId('rule-enabled').getAttribute('aria-checked')).toBe('true'));

    // dry run with the first case's values: the formula resolved
    expect((byId('console-payload') as HTMLTextAreaElement).value).toContain('6000');
    fireEvent.click(byId('console-dry-run'));
    const config = await screen.findByTestId('console-action-config');
    expect(config.textContent).toContain('钻石');
    expect(byId('console-matched').getAttribute('data-matched')).toBe('true');

    // run for real
    await waitFor(() => expect(byId('rule-run-now').hasAttribute('disabled')).toBe(false));
    fireEvent.click(byId('rule-run-now'));
    fireEvent.click(await screen.findByTestId('rule-run-now-ok'));
    expect((await screen.findByTestId('console-run-result')).getAttribute('data-outcome')).toBe('succeeded');

    // the run log has it
    fireEvent.click(byId('console-run-log-link'));
    await waitFor(() => expect(window.location.pathname).toBe('/w/w1/apps/a1/rule-runs'));
    const row = await screen.findByTestId('run-row');
    expect(within(row).getByTestId('run-outcome').getAttribute('data-outcome')).toBe('succeeded');
    fireEvent.click(within(row).getByTestId('run-expand'));
    expect((await screen.findByTestId('run-action-key')).textContent).toBe('event.publish');

    // and the list shows the rule in words, published and enabled
    fireEvent.click(screen.getByTestId('breadcrumb-rules'));
    const listRow = await screen.findByTestId('rule-row');
    expect(within(listRow).getByTestId('rule-trigger').textContent).toBe('手动触发');
    expect(within(listRow).getByTestId('rule-enabled-switch').getAttribute('aria-checked')).toBe('true');
    expect((await within(listRow).findByTestId('rule-last-outcome')).getAttribute('data-outcome')).toBe('succeeded');
  });

  it('puts server problems on their fields and offers a reload after a conflicting save', async () => {
    api.rules.push({
      id: 'r7',
      appId: 'a1',
      name: '定时提醒',
      trigger: { type: 'schedule', cron: '0 9 * * 1' },
      condition: '',
      actions: [{ action: 'event.publish', config: { eventType: 'x', payload: { level: 'a' } } }],
      priority: 50,
      testCases: [],
      enabled: false,
      draftVersion: 3,
      publishedVersion: null,
      changedSincePublish: true,
      updatedAt: '2026-11-24T01:00:00Z',
    });
    window.history.replaceState(null, '', '/w/w1/apps/a1/rules');
    render(<App />);
    const row = await screen.findByTestId('rule-row');
    expect(within(row).getByTestId('rule-trigger').textContent).toBe('每周一 09:00');
    fireEvent.click(within(row).getByTestId('rule-name-link'));

    const value = await screen.findByTestId('cfg-payload-value');
    expect(byId('trigger-cron-desc').textContent).toContain('每周一 09:00');
    type(value, "=totalSpend > ");
    fireEvent.click(byId('rule-save'));
    const problem = await screen.findByTestId('field-problem');
    expect(problem.textContent).toContain('公式不完整');
    expect(problem.getAttribute('data-position')).toBe('13');

    // someone else saves in between: 412, then reload brings their version
    type(byId('cfg-payload-value'), '普通');
    api.bumpVersionBehindTheUsersBack = true;
    fireEvent.click(byId('rule-save'));
    await screen.findByTestId('rule-conflict');
    await act(async () => {
      fireEvent.click(byId('rule-reload'));
    });
    await waitFor(() => expect((byId('rule-name') as HTMLInputElement).value).toBe('定时提醒（他人修改）'));
    expect(screen.queryByTestId('rule-conflict')).toBeNull();
    expect(api.calls.filter((c) => c.method === 'PUT').map((c) => c.headers['If-Match'])).toEqual(['"3"', '"3"']);
  });
});
