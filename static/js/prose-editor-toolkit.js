// A django-prose-editor extension fitting the editor to this site:
// - Tiptap injects its base styles as an inline <style> element, which our
//   Content-Security-Policy (style-src 'self') refuses: the same rules are served as a file
//   instead (static/css/prose-editor.css).
// - The editable area is a textbox with no name of its own: it takes the label of the
//   textarea it replaces, and the textarea's help text.
import { Extension } from "django-prose-editor/editor"

export const ToolkitEditor = Extension.create({
  name: "toolkitEditor",
  onBeforeCreate() {
    const options = this.editor.options
    options.injectCSS = false
    const textarea = options.element?.querySelector("textarea")
    const label = textarea && document.querySelector(`label[for="${textarea.id}"]`)
    const attributes = { ...options.editorProps.attributes }
    if (label) attributes["aria-label"] = label.textContent.trim().replace(/:$/, "")
    const help = textarea?.getAttribute("aria-describedby")
    if (help) attributes["aria-describedby"] = help
    options.editorProps = { ...options.editorProps, attributes }
  },
})
