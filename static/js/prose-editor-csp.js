// A prose-editor extension that stops Tiptap injecting its base styles as an inline <style>
// element, which our Content-Security-Policy (style-src 'self') refuses. The same rules are
// served as a file: static/css/prose-editor.css.
import { Extension } from "django-prose-editor/editor"

export const NoInjectedStyle = Extension.create({
  name: "noInjectedStyle",
  onBeforeCreate() {
    this.editor.options.injectCSS = false
  },
})
