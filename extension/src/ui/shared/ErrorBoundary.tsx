import { Component, type ErrorInfo, type ReactNode } from 'react';
import { say } from '../../i18n/language.js';

interface State {
  readonly error?: Error;
}

/**
 * Keeps an extension page readable when a component throws: without it React unmounts the whole page
 * and the user faces a blank window. Shows what failed and offers a reload; nothing was signed.
 */
export class ErrorBoundary extends Component<{ readonly children: ReactNode }, State> {
  override state: State = {};

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('vanthu: display error', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" data-testid="display-error" style={{ padding: 12 }}>
        <p>
          {say(
            'Đã xảy ra lỗi hiển thị; chưa có thao tác nào được thực hiện.',
            'A display error occurred; nothing was done.',
          )}
        </p>
        <pre style={{ whiteSpace: 'pre-wrap' }}>{error.message}</pre>
        <button type="button" onClick={() => location.reload()}>
          {say('Tải lại', 'Reload')}
        </button>
      </div>
    );
  }
}
