using System.Collections.Concurrent;
using ImapClient.Benchmarks.Corpus;
using ImapClient.Benchmarks.Replay;

namespace ImapClient.Benchmarks.Speed;

/// <summary>Bytes per operation for the MB/s column, computed once in the process that prints the table.</summary>
internal static class PayloadSizes
{
    /// <summary>How many ~100 KB messages the download workloads fetch.</summary>
    public const int Downloads = 1_000;

    private static readonly ConcurrentDictionary<Payload, long> Cache = new();

    public static long Bytes(Payload payload) => Cache.GetOrAdd(payload, static p => p switch
    {
        Payload.FetchSummaries => CaptureData.FetchSummaries().Length,
        Payload.List => CaptureData.List().Length,
        Payload.Search => CaptureData.Search().Length,
        Payload.Headers => MessageCorpus.Summaries(CaptureData.Messages).Sum(m => (long)HeaderLength(m.Content)),
        Payload.Large => MessageCorpus.Large(Downloads).Sum(m => (long)m.Content.Length),
        _ => 0,
    });

    /// <summary>The header section's length, blank line included, as BODY[HEADER] returns it.</summary>
    public static int HeaderLength(ReadOnlySpan<byte> message)
    {
        var end = message.IndexOf("\r\n\r\n"u8);
        return end < 0 ? message.Length : end + 4;
    }
}
