"use client";

import { Component, Fragment, type ReactNode } from "react";

let remounts = 0;

interface Props {
  /** Rendered again, afresh, after a failure, with the failure's message. */
  children: (failure: string | null) => ReactNode;
}

/**
 * A form action that never reaches the server (offline, server down) throws
 * into the nearest error boundary. This one remounts the form, so it can be
 * used again, and tells the person what happened.
 */
export class ActionBoundary extends Component<Props, { failure: string | null; attempt: number }> {
  state = { failure: null, attempt: 0 };

  static getDerivedStateFromError() {
    // A new key in the same update: the failed form remounts instead of rethrowing.
    return { failure: "The server could not be reached. Check your connection and try again.", attempt: ++remounts };
  }

  render() {
    return <Fragment key={this.state.attempt}>{this.props.children(this.state.failure)}</Fragment>;
  }
}
