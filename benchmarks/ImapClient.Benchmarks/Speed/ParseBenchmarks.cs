using BenchmarkDotNet.Attributes;
using ImapClient.Benchmarks.Replay;
using ImapClient.Benchmarks.Workloads;
using MailKit.Search;

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
/// We have no SEARCH API yet, so that one is MailKit's alone, for reference.
/// </summary>
[Config(typeof(BenchConfig))]
public class Parse
{
    private const string Summaries = "Parse FETCH summaries (10,000)";
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
    [BenchmarkCategory(List)]
    [Workload(CaptureTool.Mailboxes, "mailboxes", Payload.List)]
    public async Task<int> ListMailKit() => (await _mailKit.GetFoldersAsync(_mailKit.PersonalNamespaces[0])).Count;

    [Benchmark(Description = "ImapClient")]
    [BenchmarkCategory(List)]
    [Workload(CaptureTool.Mailboxes, "mailboxes", Payload.List)]
    public async Task<int> ListOurs() => (await _ours.ListAsync()).Count;

    [Benchmark(Baseline = true, Description = "MailKit Search (ours: no SEARCH API yet)")]
    [BenchmarkCategory(Search)]
    [Workload(CaptureData.SearchUids, "UIDs", Payload.Search)]
    public async Task<int> SearchMailKit() => (await _mailKit.Inbox.SearchAsync(SearchQuery.All)).Count;
}
