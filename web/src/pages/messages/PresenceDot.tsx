import { useOnline } from '../../messaging/presenceStore';

/** A dot: green when the person is online, grey when not (or not known yet). */
export function PresenceDot({ userId, name }: { userId: string; name: string }) {
  const online = useOnline(userId);
  const word = online === undefined ? 'status unknown' : online ? 'online' : 'offline';
  return (
    <span
      className={online ? 'presence presence--online' : 'presence'}
      role="img"
      aria-label={`${name} is ${word}`}
      title={`${name} is ${word}`}
    />
  );
}
