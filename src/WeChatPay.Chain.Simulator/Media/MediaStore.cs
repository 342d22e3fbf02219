namespace WeChatPay.Chain.Simulator.Media;

/// <summary>Every accepted upload, oldest first. Thread-safe.</summary>
internal sealed class MediaStore
{
    private readonly object _gate = new();
    private readonly List<UploadedMedia> _uploads = [];

    public void Add(UploadedMedia upload)
    {
        lock (_gate) _uploads.Add(upload);
    }

    public IReadOnlyList<UploadedMediaView> Snapshot()
    {
        lock (_gate) return _uploads.Select(upload => upload.View).ToArray();
    }

    /// <summary>The stored bytes and file name of the marketing image served at <c>/simulator/media/{id}</c>, or null.</summary>
    public UploadedMedia? FindServed(string id)
    {
        lock (_gate) return _uploads.FirstOrDefault(upload => upload.Content is not null && upload.View.MediaUrl?.AbsolutePath == MediaUrlPath(id));
    }

    /// <summary>Where the simulator serves a marketing image: a loopback-only control path, never a real WeChat host.</summary>
    public static string MediaUrlPath(string id) => "/simulator/media/" + id;
}
