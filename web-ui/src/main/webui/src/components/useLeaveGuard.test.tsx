// @vitest-environment jsdom
import { useState } from 'react';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter, Link, Route, Routes, useLocation } from 'react-router';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { changeLanguage } from '../i18n';
import { installDomShims } from '../testing/dom';
import { useLeaveGuard } from './useLeaveGuard';

function Editor() {
  const [dirty, setDirty] = useState(false);
  useLeaveGuard(dirty);
  return (
    <>
      <button type="button" onClick={() => setDirty(true)}>改一下</button>
      <Link to="/list" data-testid="back">返回</Link>
    </>
  );
}

function Where() {
  return <div data-testid="where">{useLocation().pathname}</div>;
}

function renderEditor() {
  return render(
    <AntApp>
      <MemoryRouter initialEntries={['/editor']}>
        <Routes>
          <Route path="/editor" element={<Editor />} />
          <Route path="/list" element={<div>列表</div>} />
        </Routes>
        <Where />
      </MemoryRouter>
    </AntApp>,
  );
}

describe('useLeaveGuard', () => {
  beforeAll(async () => {
    installDomShims();
    await changeLanguage('zh-CN');
  });
  afterEach(cleanup);

  it('lets an unchanged editor go without asking', async () => {
    renderEditor();
    fireEvent.click(screen.getByTestId('back'));
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/list'));
  });

  it('asks before a link leaves unsaved changes, stays when told, leaves when told', async () => {
    renderEditor();
    fireEvent.click(screen.getByText('改一下'));
    fireEvent.click(screen.getByTestId('back'));
    await screen.findByTestId('leave-ok');
    expect(screen.getAllByText('离开此页？').length).toBeGreaterThan(0);
    expect(screen.getByTestId('where').textContent).toBe('/editor');
    // Ant Design spaces out a two-character label: 留 下
    fireEvent.click(screen.getByRole('button', { name: /留\s?下/ }));
    await waitFor(() => expect(screen.queryByTestId('leave-ok')).toBeNull());
    expect(screen.getByTestId('where').textContent).toBe('/editor');

    fireEvent.click(screen.getByTestId('back'));
    fireEvent.click(await screen.findByTestId('leave-ok', {}, { timeout: 5000 }));
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/list'));
  }, 20_000);

  it('asks the browser before the page is closed or reloaded with unsaved changes', () => {
    renderEditor();
    const before = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(before);
    expect(before.defaultPrevented).toBe(false);
    fireEvent.click(screen.getByText('改一下'));
    const after = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(after);
    expect(after.defaultPrevented).toBe(true);
  });
});
