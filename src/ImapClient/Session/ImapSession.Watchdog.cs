using ImapClient.Diagnostics;

namespace ImapClient.Session;

/// <summary>
/// One timer per connection enforces every command's deadline and bounds a stalled flush. A timer per command (what
/// <c>Task.WaitAsync(timeout)</c> and a timed <c>CancellationTokenSource</c> create) was a third of what a NOOP
/// allocated. The timer runs only while something is pending, so an idle connection costs no ticks.
/// </summary>
/// <remarks>Owns the timer, its armed flag, the flush and receive times and the stalled-flush flag.</remarks>
internal sealed partial class ImapSession
{
    private ITimer? _watchdog;
    private int _watchdogArmed;
    private long _flushSince;
    private long _lastReceived;
    private volatile bool _flushStalled;

    /// <summary>How late a timeout may fire: a small fraction of the timeout, within sensible bounds.</summary>
    private TimeSpan WatchdogPeriod =>
        TimeSpan.FromTicks(Math.Clamp(_options.CommandTimeout.Ticks / 16, TimeSpan.FromMilliseconds(5).Ticks, TimeSpan.FromMilliseconds(250).Ticks));

    private bool HasCommandTimeout => _options.CommandTimeout != Timeout.InfiniteTimeSpan;

    /// <summary>The command timeout in the clock's timestamp units.</summary>
    private long TimeoutTicks => (long)(_options.CommandTimeout.TotalSeconds * _time.TimestampFrequency);

    /// <summary>Gives the command its deadline; the watchdog fails its outcome if no completion came by then.</summary>
    private void SetDeadline(ImapCommand command, long started)
    {
        if (HasCommandTimeout)
        {
            command.Deadline = started + TimeoutTicks;
        }
    }

    private void ArmWatchdog()
    {
        if (!HasCommandTimeout || Interlocked.CompareExchange(ref _watchdogArmed, 1, 0) != 0)
        {
            return;
        }

        var period = WatchdogPeriod;
        var timer = Volatile.Read(ref _watchdog);
        if (timer is null)
        {
            timer = _time.CreateTimer(static state => ((ImapSession)state!).OnWatchdog(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            timer = Interlocked.CompareExchange(ref _watchdog, timer, null) ?? timer;
        }

        timer.Change(period, period);
    }

    private void OnWatchdog()
    {
        var now = _time.GetTimestamp();
        var timeoutTicks = TimeoutTicks;
        var flushSince = Interlocked.Read(ref _flushSince);
        if (flushSince != 0 && now - flushSince > timeoutTicks && _fault is null)
        {
            _flushStalled = true;
            _transport.Output.CancelPendingFlush();
        }

        // In this order, against ReaderCaughtUp's: a reader that just caught up is seen with its fresh clock.
        var waitingForReader = _waitingForReader;
        var lastReceived = Interlocked.Read(ref _lastReceived);
        List<ImapCommand>? expired = null;
        bool pending;
        lock (_inflightLock)
        {
            foreach (var command in _inflight)
            {
                // A server that is still sending is not stalled: the clock restarts with every byte received. Nor is
                // one whose streamed body waits for the caller to read it.
                if (command.Deadline != 0 && now > command.Deadline && now - lastReceived > timeoutTicks && !command.DeadlinePassed
                    && !(waitingForReader && (command.Traits & CommandTraits.StreamsBodies) != 0))
                {
                    command.DeadlinePassed = true;
                    (expired ??= []).Add(command);
                }
            }

            pending = _inflight.Exists(static c => c.Deadline != 0 && !c.DeadlinePassed);
        }

        if (expired is not null)
        {
            foreach (var command in expired)
            {
                // The command stays registered: its completion, when it comes, is consumed and the stream stays in sync.
                ImapLog.CommandTimedOut(Logger, command.Tag, command.Name, _time.GetElapsedTime(command.SentAt).TotalMilliseconds);
                var timeout = new TimeoutException($"{command.Name} received no reply: the server sent nothing for {_options.CommandTimeout}.");
                command.TimeOut(timeout);
                if ((command.Traits & CommandTraits.StreamsBodies) != 0)
                {
                    InterruptStreamedBody(timeout);
                }
            }
        }

        if (!pending && Interlocked.Read(ref _flushSince) == 0)
        {
            Disarm();
        }
    }

    private void Disarm()
    {
        _watchdog?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Volatile.Write(ref _watchdogArmed, 0);

        // Whatever registered while the timer was being stopped saw it armed and did not arm it: look once more.
        bool pending;
        lock (_inflightLock)
        {
            pending = _inflight.Exists(static c => c.Deadline != 0 && !c.DeadlinePassed);
        }

        if (pending || Interlocked.Read(ref _flushSince) != 0)
        {
            ArmWatchdog();
        }
    }

    /// <summary>Called by the reader loop whenever bytes arrive.</summary>
    private void NoteReceived() => Interlocked.Exchange(ref _lastReceived, _time.GetTimestamp());

    private void StopWatchdog() => _watchdog?.Dispose();
}
