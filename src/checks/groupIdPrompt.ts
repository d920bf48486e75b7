import { groupIdInputDoubt, parseGroupIdInput } from '../editor/targets';
import { plainText } from '../ui/foreignText';
import type { Prompts } from '../ui/prompts';

/**
 * Asks for group IDs to check: errors block Enter; a doubt (a space in a custom ID) shows as a warning and
 * takes a second Enter.
 * Resolves to the IDs, or undefined when dismissed.
 */
export async function promptForGroupIds(prompts: Prompts, options: { title: string; prompt: string }): Promise<string[] | undefined> {
  const typed = await prompts.text({
    title: options.title,
    prompt: options.prompt,
    placeholder: '@TGS#2C5SZEAEF',
    validate: (v) => {
      const reason = parseGroupIdInput(v).reason;
      return reason && plainText(reason);
    },
    warn: (v) => {
      const doubt = groupIdInputDoubt(v);
      return doubt && plainText(doubt);
    },
  });
  return typed === undefined ? undefined : parseGroupIdInput(typed).ids;
}
