// SPDX-License-Identifier: MulanPSL-2.0
// The counts beside the workbench menu (待办, unread messages) are read again on every page change;
// a page that changes one without leaving (a message marked read) calls touchTodo() to have them read
// again at once.
import { ref } from 'vue'

export const todoTick = ref(0)
export function touchTodo() {
  todoTick.value++
}
