namespace ImapClient.Session;

/// <summary>
/// Runs event handlers one at a time, in order, off the reader loop, so a handler may await a new command on the
/// same connection without stalling the responses that command needs.
/// </summary>
/// <remarks>
/// <para>A thread-pool work item drains the queue only while there is something in it, and ends when it is empty. An
/// idle connection then holds no waiting reader, no pump task and no queue segment: with thousands of connections in
/// IDLE those were a tenth of what each one kept.</para>
/// <para>While the reader loop works through what one read returned, it holds the calls it posts (<see cref="Hold"/>).
/// When its next read then has to wait, the thread it leaves runs them (<see cref="TakeHeld"/>): the read's
/// continuation is registered first, so the responses a handler's command needs are read by another thread meanwhile.
/// That saves a work item, and the wake-up of a sleeping thread for it, per notification: a thousand idle connections
/// told of new mail at once are told on the threads that read the news. Otherwise (more data already there, a body
/// the loop must wait for) <see cref="Release"/> hands the held calls to a work item as before.</para>
/// </remarks>
internal sealed class EventDispatcher
{
    private readonly Lock _lock = new();
    private Queue<Action>? _queue;
    private bool _draining;
    private bool _completed;
    private TaskCompletionSource? _drained;

    // Only the reader loop posts, holds and releases, so these two are its own and need no lock.
    private bool _holding;
    private bool _anyHeld;

    /// <summary>True when calls were posted while holding and no drain has been started for them.</summary>
    public bool HasHeld => _anyHeld;

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

            if (_holding)
            {
                _anyHeld = true;
                return;
            }

            _draining = true;
        }

        Schedule();
    }

    /// <summary>The reader loop starts on what a read returned: the calls it posts wait for <see cref="Release"/> or <see cref="TakeHeld"/>.</summary>
    public void Hold() => _holding = true;

    /// <summary>The reader loop stops holding: what it held runs on a work item, and later calls are scheduled as they come.</summary>
    public void Release()
    {
        _holding = false;
        if (_anyHeld)
        {
            _anyHeld = false;
            if (TryStartDrain())
            {
                Schedule();
            }
        }
    }

    /// <summary>
    /// The reader loop stops holding and its thread will run what it held: true when the caller must call
    /// <see cref="DrainHere"/> (no drain was running).
    /// </summary>
    public bool TakeHeld()
    {
        _holding = false;
        if (!_anyHeld)
        {
            return false;
        }

        _anyHeld = false;
        return TryStartDrain();
    }

    /// <summary>Runs the queued calls on this thread, after <see cref="TakeHeld"/> returned true.</summary>
    public void DrainHere() => Drain();

    /// <summary>Runs the queued calls on a work item, after <see cref="TakeHeld"/> returned true.</summary>
    public void DrainElsewhere() => Schedule();

    /// <summary>Takes no more handler calls; completes once the ones queued (held ones too) have run.</summary>
    public Task CompleteAsync()
    {
        bool schedule;
        Task drained;
        lock (_lock)
        {
            _completed = true;
            schedule = !_draining && _queue is { Count: > 0 };
            _draining |= schedule;
            drained = _draining ? (_drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task : Task.CompletedTask;
        }

        if (schedule)
        {
            Schedule();
        }

        return drained;
    }

    private bool TryStartDrain()
    {
        lock (_lock)
        {
            if (_draining || _queue is not { Count: > 0 })
            {
                return false;
            }

            _draining = true;
            return true;
        }
    }

    // The poster's execution context (the reader loop's: the connecting caller's) flows to the handlers.
    private void Schedule() => ThreadPool.QueueUserWorkItem(static dispatcher => dispatcher.Drain(), this, preferLocal: false);

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
