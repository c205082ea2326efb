/** A labelled progress bar: the label and the figures are read by screen readers, the bar is drawn for the eye. */
export function ProgressBar(props: { label: string; value: number; max: number; detail?: string; id?: string }) {
  const pct = () => (props.max > 0 ? Math.round((props.value / props.max) * 100) : 0);
  return (
    <div class="progress">
      <div class="progress-head">
        <span id={props.id}>{props.label}</span>
        <span class="progress-figure">{pct()}%</span>
      </div>
      <div class="bar" role="progressbar" aria-labelledby={props.id} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct()}
        aria-valuetext={props.detail ? `${pct()}% (${props.detail})` : `${pct()}%`}>
        <div class="bar-fill" style={{ width: `${pct()}%` }} />
      </div>
      {props.detail && <p class="progress-detail">{props.detail}</p>}
    </div>
  );
}
