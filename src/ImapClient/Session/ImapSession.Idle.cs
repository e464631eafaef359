namespace ImapClient.Session;

/// <summary>Lets commands from other tasks end an IDLE that allows it, so nobody gets a "busy" error.</summary>
/// <remarks>Owns the running IDLE and the count of writers waiting for it to end.</remarks>
internal sealed partial class ImapSession
{
    private ImapCommand? _activeIdle;
    private int _waitingWriters;

    /// <summary>Called by an IDLE once the server accepted it. A command that queued in the meantime ends it at once.</summary>
    public void OnIdling(ImapCommand idle)
    {
        Volatile.Write(ref _activeIdle, idle);
        idle.Done.ContinueWith(
            static (_, state) =>
            {
                var (session, command) = ((ImapSession, ImapCommand))state!;
                Interlocked.CompareExchange(ref session._activeIdle, null, command);
            },
            (this, idle), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        // Both sides use full fences: either the waiting command sees this IDLE, or this sees the waiting command.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _waitingWriters) > 0)
        {
            InterruptIdle();
        }
    }

    private void InterruptIdle()
    {
        Interlocked.MemoryBarrier();
        Volatile.Read(ref _activeIdle)?.Interrupt();
    }
}
