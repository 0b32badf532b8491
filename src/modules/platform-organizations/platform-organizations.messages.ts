// The e-mails to an organisation's coordinator when the front office decides on it, in kk, ru and
// en. Plain text: the outbox escapes every markup character of the HTML part, so a name with `<b>`
// arrives as text.
import type { Lang } from '../../domain/lang.ts';

export type Decision = 'verified' | 'rejected' | 'suspended';

export interface Mail {
  subject: string;
  body: string;
}

type Texts = Record<Decision, { subject: (name: string) => string; body: (name: string) => string }>;

const TEXTS: Record<Lang, Texts & { reason: string; signature: string }> = {
  kk: {
    verified: {
      subject: (n) => `«${n}» ұйымы Birgemiz платформасында расталды`,
      body: (n) =>
        `Сәлеметсіз бе!\n\nӨңірдің фронт-офисі «${n}» ұйымын растады. Енді волонтерлік мүмкіндіктерді жариялай аласыз.`,
    },
    rejected: {
      subject: (n) => `«${n}» ұйымының тіркелуі қабылданбады`,
      body: (n) => `Сәлеметсіз бе!\n\nӨңірдің фронт-офисі «${n}» ұйымының тіркелуін қабылдамады.`,
    },
    suspended: {
      subject: (n) => `«${n}» ұйымының платформадағы жұмысы тоқтатыла тұрды`,
      body: (n) =>
        `Сәлеметсіз бе!\n\nӨңірдің фронт-офисі «${n}» ұйымының Birgemiz платформасындағы жұмысын тоқтата тұрды. Оның мүмкіндіктері жасырылды.`,
    },
    reason: 'Себебі',
    signature: 'Birgemiz',
  },
  ru: {
    verified: {
      subject: (n) => `Организация «${n}» подтверждена на платформе Birgemiz`,
      body: (n) =>
        `Здравствуйте!\n\nФронт-офис региона подтвердил организацию «${n}». Теперь вы можете публиковать волонтерские возможности.`,
    },
    rejected: {
      subject: (n) => `Регистрация организации «${n}» отклонена`,
      body: (n) => `Здравствуйте!\n\nФронт-офис региона отклонил регистрацию организации «${n}».`,
    },
    suspended: {
      subject: (n) => `Работа организации «${n}» на платформе приостановлена`,
      body: (n) =>
        `Здравствуйте!\n\nФронт-офис региона приостановил работу организации «${n}» на платформе Birgemiz. Её возможности скрыты.`,
    },
    reason: 'Причина',
    signature: 'Birgemiz',
  },
  en: {
    verified: {
      subject: (n) => `${n} is verified on the Birgemiz platform`,
      body: (n) =>
        `Hello,\n\nThe regional front office has verified ${n}. You can now publish volunteering opportunities.`,
    },
    rejected: {
      subject: (n) => `The registration of ${n} was rejected`,
      body: (n) => `Hello,\n\nThe regional front office has rejected the registration of ${n}.`,
    },
    suspended: {
      subject: (n) => `${n} is suspended on the platform`,
      body: (n) =>
        `Hello,\n\nThe regional front office has suspended ${n} on the Birgemiz platform. Its opportunities are hidden.`,
    },
    reason: 'Reason',
    signature: 'Birgemiz',
  },
};

/** The message of a decision on the organisation `name`, with the reason when there is one. */
export function decisionMail(decision: Decision, lang: Lang, name: string, reason: string | null): Mail {
  const t = TEXTS[lang];
  const m = t[decision];
  const because = reason ? `\n\n${t.reason}: ${reason}` : '';
  return { subject: m.subject(name), body: `${m.body(name)}${because}\n\n— ${t.signature}` };
}

/** To the front office of the region: an organisation registered and waits for verification. */
export function waitingMail(lang: Lang, m: { name: string; region: string; link: string }): Mail {
  const texts: Record<Lang, Mail> = {
    kk: {
      subject: `Birgemiz: ${m.name} тексеруді күтеді`,
      body: `Сәлеметсіз бе!\n\n${m.name} ұйымы платформаға тіркелді (${m.region}) және тексеруді күтеді. Волонтерлерге мүмкіндіктерді ол тексерілгеннен кейін ғана жариялай алады.\n\n${m.link}\n\n— Birgemiz`,
    },
    ru: {
      subject: `Birgemiz: ${m.name} ждёт проверки`,
      body: `Здравствуйте!\n\nОрганизация ${m.name} зарегистрировалась на платформе (${m.region}) и ждёт проверки. Публиковать возможности для волонтеров она сможет только после неё.\n\n${m.link}\n\n— Birgemiz`,
    },
    en: {
      subject: `Birgemiz: ${m.name} waits for verification`,
      body: `Hello,\n\nThe organisation ${m.name} registered on the platform (${m.region}) and waits for verification. It publishes opportunities for volunteers only once verified.\n\n${m.link}\n\n— Birgemiz`,
    },
  };
  return texts[lang];
}
