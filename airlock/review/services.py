from airlock.outputs.models import OutputFile
from airlock.review.models import ReviewItem, SamplingRecord
from airlock.review.sampling import sample_for_control


def review_item_create_for_transferred_file(*, output_file: OutputFile) -> ReviewItem | None:
    """Draw the file's control sample at transfer; store the draw; queue it if it has a reason."""
    result = sample_for_control(output_file=output_file)
    SamplingRecord.objects.create(
        output_file=output_file,
        reasons=result.reasons,
        random_draw=result.random_draw,
        sampling_rate=result.sampling_rate,
    )
    if not result.reasons:
        return None
    return ReviewItem.objects.create(
        output_file=output_file,
        reasons=result.reasons,
        random_draw=result.random_draw,
        sampling_rate=result.sampling_rate,
    )
