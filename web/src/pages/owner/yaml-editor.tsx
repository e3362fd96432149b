import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import {
  bracketMatching,
  defaultHighlightStyle,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
} from '@codemirror/language';
import { type Diagnostic, lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { EditorSelection, EditorState, type Extension, type Text } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { type Ref, useEffect, useImperativeHandle, useRef } from 'react';
import { StyleModule } from 'style-mod';
import type { DefinitionError } from './types';

/**
 * CodeMirror mounts its styles on a document in a `<style>` element, which the app's
 * Content-Security-Policy (`style-src 'self'`) refuses; on a shadow root it uses a constructed
 * stylesheet (`adoptedStyleSheets`), which the policy allows. The document is handed to style-mod
 * as a root of that second kind, whose adopted sheets are the document's own.
 */
const documentAsShadowRoot = {
  ownerDocument: document,
  get adoptedStyleSheets(): CSSStyleSheet[] {
    return document.adoptedStyleSheets;
  },
  set adoptedStyleSheets(sheets: CSSStyleSheet[]) {
    document.adoptedStyleSheets = sheets;
  },
};
const mountStyles = StyleModule.mount;
StyleModule.mount = (root, modules, options) =>
  mountStyles.call(
    StyleModule,
    root === document ? (documentAsShadowRoot as unknown as Document) : root,
    modules,
    options,
  );

export interface YamlEditorHandle {
  /** Puts the cursor at a 1-based line and column, scrolls there and focuses the editor. */
  focusAt(line: number, column: number): void;
}

export interface YamlEditorProps {
  /** The text when the editor is created (later changes of this prop are not applied). */
  readonly initial: string;
  readonly readOnly?: boolean;
  onChange?(source: string): void;
  /** The errors of the text as it stands, shown as lint markers at their line and column. */
  readonly errors?: readonly DefinitionError[];
  /** The id of the element that names the editor, and of those that describe it (the Tab hint). */
  readonly labelledBy: string;
  readonly describedBy?: string;
  readonly ref?: Ref<YamlEditorHandle>;
}

/**
 * A YAML editor (CodeMirror 6): highlighting, line numbers, undo, and the API's errors as lint
 * markers. Tab indents; Escape then Tab leaves the editor (CodeMirror's convention, which the
 * page says in a hint). Read-only, it is a text one can move through and select, and Tab leaves it.
 */
export function YamlEditor({
  initial,
  readOnly = false,
  onChange,
  errors,
  labelledBy,
  describedBy,
  ref,
}: YamlEditorProps) {
  const parent = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the editor is created once; it keeps its own text afterwards
  useEffect(() => {
    const host = parent.current;
    if (!host) return;
    const editor = new EditorView({
      parent: host,
      state: EditorState.create({
        doc: initial,
        extensions: extensions(readOnly, labelledBy, describedBy, (source) => changed.current?.(source)),
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const diagnostics = (errors ?? []).map((error) => diagnosticOf(editor.state.doc, error));
    editor.dispatch(setDiagnostics(editor.state, diagnostics));
  }, [errors]);

  useImperativeHandle(
    ref,
    () => ({
      focusAt(line, column) {
        const editor = view.current;
        if (!editor) return;
        const position = positionOf(editor.state.doc, line, column);
        editor.dispatch({
          selection: EditorSelection.cursor(position),
          effects: EditorView.scrollIntoView(position, { y: 'center' }),
        });
        editor.focus();
      },
    }),
    [],
  );

  return <div ref={parent} className={readOnly ? 'yaml-editor yaml-editor-read-only' : 'yaml-editor'} />;
}

function extensions(
  readOnly: boolean,
  labelledBy: string,
  describedBy: string | undefined,
  onChange: (source: string) => void,
): Extension[] {
  // An explicit tabindex: axe counts a contenteditable as keyboard access to its scrolling parent only with one.
  const attributes: Record<string, string> = { 'aria-labelledby': labelledBy, tabindex: '0' };
  if (describedBy) attributes['aria-describedby'] = describedBy;
  if (readOnly) attributes['aria-readonly'] = 'true';
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    drawSelection(),
    highlightActiveLine(),
    bracketMatching(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    yaml(),
    EditorState.tabSize.of(2),
    indentUnit.of('  '),
    EditorView.contentAttributes.of(attributes),
    EditorView.lineWrapping,
    ...(readOnly
      ? [EditorState.readOnly.of(true), keymap.of(defaultKeymap)]
      : [
          history(),
          indentOnInput(),
          lintGutter(),
          keymap.of([...defaultKeymap, ...historyKeymap, ...lintKeymap, indentWithTab]),
          typingOverSelection,
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChange(update.state.doc.toString());
          }),
        ]),
  ];
}

/**
 * Text typed over a selection replaces it here rather than in the page: Chromium's own editing
 * wraps the new text in a `<span style=...>` (keeping the highlighted text's look), a style
 * attribute the Content-Security-Policy refuses.
 */
const typingOverSelection = EditorView.domEventHandlers({
  beforeinput(event, view) {
    if (event.inputType !== 'insertText' || !event.data || view.composing) return false;
    if (view.state.selection.ranges.every((range) => range.empty)) return false;
    event.preventDefault();
    view.dispatch(view.state.replaceSelection(event.data), { userEvent: 'input.type', scrollIntoView: true });
    return true;
  },
});

/** The offset of a 1-based line and column, kept inside the text. */
export function positionOf(doc: Text, line: number, column: number): number {
  const target = doc.line(Math.min(Math.max(line, 1), doc.lines));
  return Math.min(target.from + Math.max(column - 1, 0), target.to);
}

/** A marker from the error's position to the end of the word there (the whole line when it points at its end). */
function diagnosticOf(doc: Text, error: DefinitionError): Diagnostic {
  const from = positionOf(doc, error.line, error.column);
  const line = doc.lineAt(from);
  const rest = line.text.slice(from - line.from);
  const word = /^[^\s:,[\]{}]+/.exec(rest)?.[0].length ?? 0;
  const [start, end] = word > 0 ? [from, from + word] : from < line.to ? [from, line.to] : [line.from, line.to];
  return {
    from: start,
    to: end,
    severity: 'error',
    source: error.code,
    message: error.hint ? `${error.message}. ${error.hint}` : error.message,
  };
}
