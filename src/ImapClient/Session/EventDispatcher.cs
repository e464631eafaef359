namespace ImapClient.Session;

/// <summary>
/// Runs event handlers one at a time, in order, off the reader loop, so a handler may await a new command on the
/// same connection without stalling the responses that command needs.
/// </summary>
/// <remarks>
/// A thread-pool work item drains the queue only while there is something in it, and ends when it is empty. An idle
/// connection then holds no waiting reader, no pump task and no queue segment: with thousands of connections in IDLE
/// those were a tenth of what each one kept.
/// <para>
/// Calls posted by the reader loop while it runs are held until it stops: when its next read has to wait, the thread
/// it leaves runs them (<see cref="DrainHeldHere"/>, after the loop's continuation is registered, so a handler that
/// waits for a response does not hold up the reading of it); when the loop goes on at once, or awaits anything
/// else, they go to a work item as posted calls do (<see cref="Release"/>). A new message on an idle connection then
/// costs one thread-pool wake-up, not two.
/// </para>
/// </remarks>
internal sealed class EventDispatcher
{
    private readonly Lock _lock = new();
    private Queue<Action>? _queue;
    private bool _draining;
    private bool _completed;
    private TaskCompletionSource? _drained;
    private bool _held;
    private int _readerThread;

    /// <summary>
    /// Set by the reader loop while it runs on a thread (0 when it is about to await): calls posted from that thread
    /// are held for it.
    /// </summary>
    public int ReaderThread
    {
        set => Volatile.Write(ref _readerThread, value);
    }

    /// <summary>True when calls are held for the reader loop; read by that loop only.</summary>
    public bool HasHeld => Volatile.Read(ref _held);

    /// <summary>Exceptions thrown by handlers; a faulty handler must not take the connection down.</summary>
    public event Action<Exception>? HandlerFailed;

    /// <summary>Queues a handler call; after <see cref="CompleteAsync"/> it is dropped.</summary>
    public void Post(Action raise)
    {
        lock (_lock)
        {
            if (_completed)
            {
                return;
            }

            (_queue ??= new Queue<Action>()).Enqueue(raise);
            if (_draining)
            {
                return;
            }

            _draining = true;
            if (Environment.CurrentManagedThreadId == Volatile.Read(ref _readerThread))
            {
                _held = true;
                return;
            }
        }

        // The poster's execution context (the reader loop's: the connecting caller's) flows to the handlers.
        ThreadPool.QueueUserWorkItem(static dispatcher => dispatcher.Drain(), this, preferLocal: false);
    }

    /// <summary>Hands the calls held for the reader loop to a work item: the loop goes on, or awaits other than a read.</summary>
    public void Release()
    {
        lock (_lock)
        {
            if (!_held)
            {
                return;
            }

            _held = false;
        }

        ThreadPool.QueueUserWorkItem(static dispatcher => dispatcher.Drain(), this, preferLocal: false);
    }

    /// <summary>
    /// Runs the calls held for the reader loop on this thread: called once the loop's continuation is registered on a
    /// read that waits, so the loop is no longer on this thread and goes on elsewhere when bytes come.
    /// </summary>
    public void DrainHeldHere()
    {
        lock (_lock)
        {
            if (!_held)
            {
                return;
            }

            _held = false;
        }

        Drain();
    }

    /// <summary>Takes no more handler calls; completes once the ones queued have run.</summary>
    public Task CompleteAsync()
    {
        lock (_lock)
        {
            _completed = true;
            return _draining ? (_drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task : Task.CompletedTask;
        }
    }

    private void Drain()
    {
        while (true)
        {
            Action? raise;
            TaskCompletionSource? drained = null;
            lock (_lock)
            {
                if (!_queue!.TryDequeue(out raise))
                {
                    _draining = false;
                    drained = _completed ? _drained : null;
                }
            }

            if (raise is null)
            {
                drained?.TrySetResult();
                return;
            }

            try
            {
                raise();
            }
#pragma warning disable CA1031 // A user's handler may throw anything; it must not stop event delivery.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                ReportFailure(ex);
            }
        }
    }

    /// <summary>Reports an exception from the caller's code (a handler or a logger) without letting it escape.</summary>
    public void ReportFailure(Exception exception)
    {
        try
        {
            HandlerFailed?.Invoke(exception);
        }
#pragma warning disable CA1031 // A failing failure handler has nowhere left to report to; it must not end the pump either.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
