import type { Services } from '../services';

/** Shows a group in the roles tree; the first reveal after the view appears can fail once, so retry. */
export async function revealGroup(services: Services, groupId: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const node = services.tree.groupNode(groupId);
    if (!node) return;
    try {
      await services.treeView.reveal(node, { select: true, focus: false, expand: true });
      return;
    } catch (err) {
      services.log.debug(`Revealing ${groupId} in the roles tree failed (attempt ${attempt + 1}): ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
