// The e-mails of appeals: the answer to the applicant, in the language of the form he wrote in, and
// the staff's reminder of an overdue appeal, in the staff member's language. Plain text: the outbox
// makes the HTML part from it with every markup character escaped, so an answer or a topic with
// `<b>` arrives as typed. Times are Kazakhstan time, written out.
import type { Lang } from '../../domain/lang.ts';
import { when } from '../applications/applications.mail.ts';
import { kzTime } from '../opportunities/opportunities.service.ts';
import { type AccountMail, greeting } from '../users/accounts.mail.ts';

export const reference = (id: number) => `№ ${id}`;

export function answerMail(
  lang: Lang,
  m: { id: number; name: string | null; receivedAt: string; answer: string },
): AccountMail {
  const ref = reference(m.id);
  const at = when(kzTime(m.receivedAt), lang);
  const texts: Record<Lang, { subject: string; lines: string[] }> = {
    kk: {
      subject: `Birgemiz: ${ref} өтінішіңізге жауап`,
      lines: [
        `Ұлттық волонтерлік желінің ақпараттық орталығы ${at} берген ${ref} өтінішіңізге жауап береді:`,
        m.answer,
        'Құрметпен, ақпараттық орталық. Сұрақтарыңыз болса, осы хатқа жауап беріңіз немесе өтініш нөмірін атаңыз.',
      ],
    },
    ru: {
      subject: `Birgemiz: ответ на ваше обращение ${ref}`,
      lines: [
        `Информационный центр Национальной волонтерской сети отвечает на ваше обращение ${ref} от ${at}:`,
        m.answer,
        'С уважением, информационный центр. Если остались вопросы, ответьте на это письмо или назовите номер обращения.',
      ],
    },
    en: {
      subject: `Birgemiz: the answer to your appeal ${ref}`,
      lines: [
        `The information centre of the National Volunteer Network answers your appeal ${ref} of ${at}:`,
        m.answer,
        'Kind regards, the information centre. If you have more questions, reply to this e-mail or quote the number of your appeal.',
      ],
    },
  };
  const t = texts[lang];
  return { subject: t.subject, body: [greeting[lang](m.name), ...t.lines].join('\n\n') };
}

export function reminderMail(
  lang: Lang,
  m: {
    id: number;
    name: string | null;
    kind: 'response' | 'resolution';
    receivedAt: string;
    due: string;
    topic: string;
    assigned: boolean;
    link: string;
  },
): AccountMail {
  const ref = reference(m.id);
  const received = when(kzTime(m.receivedAt), lang);
  const due = when(kzTime(m.due), lang);
  const texts: Record<Lang, { subject: string; lines: string[] }> = {
    kk: {
      subject:
        m.kind === 'response'
          ? `Birgemiz: ${ref} өтінішіне жауап берілмеген`
          : `Birgemiz: ${ref} өтінішінің мерзімі өтті`,
      lines: [
        `${ref} өтініші (${m.topic}) ${received} келді. ${
          m.kind === 'response' ? 'Алғашқы жауап' : 'Нәтиже'
        } мерзімі ${due} өтті.`,
        m.assigned
          ? 'Өтініш сізге тағайындалған.'
          : 'Өтініш ешкімге тағайындалмаған: оны алыңыз немесе тағайындаңыз.',
        m.link,
      ],
    },
    ru: {
      subject:
        m.kind === 'response'
          ? `Birgemiz: обращение ${ref} ждёт первого ответа`
          : `Birgemiz: срок обращения ${ref} истёк`,
      lines: [
        `Обращение ${ref} (${m.topic}) поступило ${received}. Срок ${
          m.kind === 'response' ? 'первого ответа' : 'результата'
        } истёк ${due}.`,
        m.assigned
          ? 'Обращение назначено вам.'
          : 'Обращение никому не назначено: возьмите его или назначьте.',
        m.link,
      ],
    },
    en: {
      subject:
        m.kind === 'response'
          ? `Birgemiz: appeal ${ref} awaits its first answer`
          : `Birgemiz: appeal ${ref} is overdue`,
      lines: [
        `Appeal ${ref} (${m.topic}) came in on ${received}. Its ${
          m.kind === 'response' ? 'first answer' : 'result'
        } was due on ${due}.`,
        m.assigned ? 'The appeal is assigned to you.' : 'Nobody is assigned to it: take it, or assign it.',
        m.link,
      ],
    },
  };
  const t = texts[lang];
  return { subject: t.subject, body: [greeting[lang](m.name), ...t.lines].join('\n\n') };
}
