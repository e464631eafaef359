using BenchmarkDotNet.Attributes;
using ImapClient.Benchmarks.Replay;
using ImapClient.Benchmarks.Workloads;
using MailKitSearchQuery = MailKit.Search.SearchQuery;

namespace ImapClient.Benchmarks.Speed;

/// <summary>How the replaying stream hands the recorded response to the client.</summary>
public enum Delivery
{
    /// <summary>The whole response is available at once: each read returns as much as the client asks for.</summary>
    OneSegment,

    /// <summary>Each read returns at most 4 KB.</summary>
    Reads4K,
}

/// <summary>
/// Parsing without a server: both clients connect to the same in-memory replay of Dovecot's recorded responses
/// (signed in and INBOX selected once, in the setup), and each operation is one command and its whole response.
/// LIST is <c>LIST "" *</c> for both. SEARCH is <c>UID SEARCH ALL</c> for both (MailKit's SearchAsync sends it; ours
/// is UidSearchAsync, which always sends the plain form), answered by the same <c>* SEARCH</c> line of 100,000 UIDs.
/// </summary>
[Config(typeof(BenchConfig))]
public class Parse
{
    private const string Summaries = "Parse FETCH summaries (10,000)";
    private const string SummariesRead = "Parse FETCH summaries (10,000), every field read";
    private const string MessageListed = "Parse the message list (10,000)";
    private const string List = "Parse LIST (5,000)";
    private const string Search = "Parse SEARCH (100,000)";

    private ImapConnection _ours = null!;
    private MailKit.Net.Imap.ImapClient _mailKit = null!;
    private int _messages;

    [Params(Delivery.OneSegment, Delivery.Reads4K)]
    public Delivery Delivery { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var script = new ReplayScript(CaptureData.FetchSummaries(), CaptureData.List(), CaptureData.Search());
        _messages = script.Exists;
        var maxRead = Delivery == Delivery.OneSegment ? int.MaxValue : 4096;
        _ours = await Clients.OursReplayAsync(script, maxRead);
        _mailKit = await Clients.MailKitReplayAsync(script, maxRead);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _ours.DisposeAsync();
        _mailKit.Dispose();
    }

    [Benchmark(Baseline = true, Description = "MailKit")]
    [BenchmarkCategory(Summaries)]
    [Workload(CaptureData.Messages, "msgs", Payload.FetchSummaries)]
    public async Task<int> FetchMailKit() => (await Ops.MailKitSummariesAsync(_mailKit.Inbox)).Count;

    [Benchmark(Description = "ImapClient")]
    [BenchmarkCategory(Summaries)]
    [Workload(CaptureData.Messages, "msgs", Payload.FetchSummaries)]
    public async Task<int> FetchOurs() => (await Ops.OursSummariesAsync(_ours, _messages)).Count;

    [Benchmark(Baseline = true, Description = "MailKit")]
    [BenchmarkCategory(SummariesRead)]
    [Workload(CaptureData.Messages, "msgs", Payload.FetchSummaries)]
    public async Task<long> FetchReadAllMailKit() => await Ops.MailKitSummariesReadAllAsync(_mailKit.Inbox);

    [Benchmark(Description = "ImapClient")]
    [BenchmarkCategory(SummariesRead)]
    [Workload(CaptureData.Messages, "msgs", Payload.FetchSummaries)]
    public async Task<long> FetchReadAllOurs() => await Ops.OursSummariesReadAllAsync(_ours, _messages);

    [Benchmark(Baseline = true, Description = "MailKit")]
    [BenchmarkCategory(MessageListed)]
    [Workload(CaptureData.Messages, "msgs", Payload.FetchSummaries)]
    public Task<ulong> MessageListMailKit() => MessageList.MailKitAsync(_mailKit.Inbox);

    [Benchmark(Description = "ImapClient")]
    [BenchmarkCategory(MessageListed)]
    [Workload(CaptureData.Messages, "msgs", Payload.FetchSummaries)]
    public Task<ulong> MessageListOurs() => MessageList.OursAsync(_ours, _messages);

    [Benchmark(Baseline = true, Description = "MailKit")]
    [BenchmarkCategory(List)]
    [Workload(CaptureTool.Mailboxes, "mailboxes", Payload.List)]
    public async Task<int> ListMailKit() => (await _mailKit.GetFoldersAsync(_mailKit.PersonalNamespaces[0])).Count;

    [Benchmark(Description = "ImapClient")]
    [BenchmarkCategory(List)]
    [Workload(CaptureTool.Mailboxes, "mailboxes", Payload.List)]
    public async Task<int> ListOurs() => (await _ours.ListAsync()).Count;

    [Benchmark(Baseline = true, Description = "MailKit")]
    [BenchmarkCategory(Search)]
    [Workload(CaptureData.SearchUids, "UIDs", Payload.Search)]
    public async Task<int> SearchMailKit() => (await _mailKit.Inbox.SearchAsync(MailKitSearchQuery.All)).Count;

    [Benchmark(Description = "ImapClient")]
    [BenchmarkCategory(Search)]
    [Workload(CaptureData.SearchUids, "UIDs", Payload.Search)]
    public async Task<int> SearchOurs() => (await _ours.UidSearchAsync(SearchQuery.All)).Count;
}
