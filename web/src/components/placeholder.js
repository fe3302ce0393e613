// SPDX-License-Identifier: MulanPSL-2.0
// A route component for a service whose API does not exist yet:
//   component: placeholder({ title, description, planned: [...] })
// Replace it with the real screen when the API arrives.
import { h } from 'vue'
import ComingSoon from './ComingSoon.vue'

export function placeholder(props) {
  return { name: 'Placeholder', render: () => h(ComingSoon, props) }
}
