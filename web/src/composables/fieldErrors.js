// SPDX-License-Identifier: MulanPSL-2.0
// A form's errors beside its fields, never as a toast: `errors[field]` is bound to the form item's
// `:error`; place(e) puts the server's error (ApiError, whose `field` names the input) under the
// item of that field when the form has one and brings it into view, and returns '' — or returns
// the message for the form's alert when the error concerns no field of the form. The server's
// field names are mapped with `aliases` ({phone: 'objector_contact'}) and are never shown.
import { nextTick, reactive } from 'vue'

// Scrolls the first field with an error into view and puts the cursor in it (after the error is
// drawn). For a form that keeps its own errors object: call it once an error is set.
export function revealError() {
  nextTick(() => {
    const item = document.querySelector('.el-form-item.is-error')
    item?.scrollIntoView({ block: 'center' })
    item?.querySelector('input, textarea')?.focus({ preventScroll: true })
  })
}

export function useFieldErrors(fields, aliases = {}) {
  const errors = reactive(Object.fromEntries(fields.map((f) => [f, ''])))
  function clear() {
    for (const f of fields) errors[f] = ''
  }
  const reveal = revealError
  function set(field, message) {
    errors[field] = message
    if (message) reveal()
  }
  function place(e) {
    const field = aliases[e?.field] || e?.field
    if (field && fields.includes(field)) {
      set(field, e.message)
      return ''
    }
    return e?.message || String(e)
  }
  return { errors, clear, set, place }
}
