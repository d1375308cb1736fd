/** Action and callback ids of our buttons and modals; handlers and renderers must agree on them. */
export const SlackActionIds = {
  approve: 'netops_approve',
  reject: 'netops_reject',
  modalWorkflow: 'netops_modal_workflow',
  runModal: 'netops_run_modal',
  rejectModal: 'netops_reject_modal',
} as const;
