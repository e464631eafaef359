namespace ImapClient.Transport;

/// <summary>
/// The task a stream's <c>ReadAsync(byte[], …)</c> returns. MimeKit's parser reads through that overload, 4 KB at a
/// time: a read that completed at once gets the last task again when the count is the same (as
/// <see cref="MemoryStream"/> does), instead of a new task per read.
/// </summary>
internal struct ReadTaskCache
{
    private Task<int>? _last;

    public Task<int> For(ValueTask<int> read)
    {
        if (!read.IsCompletedSuccessfully)
        {
            return read.AsTask();
        }

        // Both have completed successfully (read checked above, _last made by Task.FromResult): Result returns at once.
#pragma warning disable CA1849
        var count = read.Result;
        return _last is { } last && last.Result == count ? last : _last = Task.FromResult(count);
#pragma warning restore CA1849
    }
}
