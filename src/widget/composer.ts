import type { OutgoingMessage } from './client.js';
import type { View } from './view.js';

const MAX_IMAGE_BYTES = 5_000_000; // the server default (PROOF_IMAGE_MAX_BYTES) checks again

const readAsDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(file);
  });

export type ComposerDeps = {
  send: (message: OutgoingMessage, label: string) => Promise<void>;
  showError: (message: string) => void;
};

/** The text box and the proof form (words and/or a photo for a task): turns what was typed into a message. */
export const createComposer = (view: View, deps: ComposerDeps) => {
  let proofTask: { id: string; title: string } | undefined;

  const closeProof = () => {
    view.proof.hidden = true;
    view.fileInput.value = '';
  };

  return {
    startProof: (task: { id: string; title: string }) => {
      proofTask = task;
      view.proofLabel.textContent = `Proof for “${task.title}”. Describe what you did and/or add a photo.`;
      view.proof.hidden = false;
      view.input.focus();
    },
    cancelProof: () => {
      proofTask = undefined;
      closeProof();
      view.input.focus();
    },
    submit: async () => {
      const text = view.input.value.trim();
      if (proofTask) {
        const file = view.fileInput.files?.[0];
        if (!text && !file) return deps.showError('Add a few words or a photo as proof.');
        if (file && file.size > MAX_IMAGE_BYTES)
          return deps.showError('That photo is too big; please pick one under 5 MB.');
        const imageDataUrl = file ? await readAsDataUrl(file) : undefined;
        const task = proofTask;
        proofTask = undefined;
        closeProof();
        view.input.value = '';
        const label = `Proof for “${task.title}”: ${text}${file ? ' 📷' : ''}`;
        return deps.send(
          {
            proof: { taskId: task.id, ...(text ? { text } : {}), ...(imageDataUrl ? { imageDataUrl } : {}) },
          },
          label,
        );
      }
      if (!text) return;
      view.input.value = '';
      return deps.send({ text }, text);
    },
  };
};
