namespace ImapClient.Session;

/// <summary>
/// Runs event handlers one at a time, in order, off the reader loop, so a handler may await a new command on the
/// same connection without stalling the responses that command needs.
/// </summary>
/// <remarks>
/// A thread-pool work item drains the queue only while there is something in it, and ends when it is empty. An idle
/// connection then holds no waiting reader, no pump task and no queue segment: with thousands of connections in IDLE
/// those were a tenth of what each one kept.
/// </remarks>
internal sealed class EventDispatcher
{
    private readonly Lock _lock = new();
    private Queue<Action>? _queue;
    private bool _draining;
    private bool _completed;
    private TaskCompletionSource? _drained;

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
        }

        // The poster's execution context (the reader loop's: the connecting caller's) flows to the handlers.
        ThreadPool.QueueUserWorkItem(static dispatcher => dispatcher.Drain(), this, preferLocal: false);
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
