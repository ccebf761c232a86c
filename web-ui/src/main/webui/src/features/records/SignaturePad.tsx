import { useEffect, useRef } from 'react';
import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const WIDTH = 360;
const HEIGHT = 120;

/**
 * A pad to sign on with mouse, pen or finger (pointer events); each stroke's end hands the drawing
 * on as a PNG data URL, which is what the server stores for a signature.
 */
export function SignaturePad({ id, value, onChange }: { id?: string; value?: string | null; onChange?: (v: string | null) => void }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const drawn = useRef<string | null>(null);

  useEffect(() => {
    // only a value from outside (an existing signature, a reset) is painted: our own strokes are there already
    if ((value ?? null) === drawn.current) return;
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    ctx.clearRect(0, 0, c.width, c.height);
    drawn.current = value ?? null;
    if (value) {
      const img = new Image();
      img.onload = () => ctx.drawImage(img, 0, 0, c.width, c.height);
      img.src = value;
    }
  }, [value]);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const c = e.currentTarget;
    const rect = c.getBoundingClientRect();
    // the canvas may be drawn smaller than its pixels (narrow screens)
    return { x: ((e.clientX - rect.left) * c.width) / (rect.width || c.width), y: ((e.clientY - rect.top) * c.height) / (rect.height || c.height) };
  };

  const start = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const ctx = e.currentTarget.getContext('2d');
    if (!ctx) return;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    drawing.current = true;
    const p = point(e);
    ctx.lineWidth = 2;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#1f1f1f';
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
  };
  const move = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const ctx = e.currentTarget.getContext('2d');
    if (!ctx) return;
    const p = point(e);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
  };
  const end = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    drawing.current = false;
    const url = e.currentTarget.toDataURL('image/png');
    drawn.current = url;
    onChange?.(url);
  };
  const clear = () => {
    const c = canvas.current;
    c?.getContext('2d')?.clearRect(0, 0, c.width, c.height);
    drawn.current = null;
    onChange?.(null);
  };

  return (
    <Flex vertical gap={4} align="flex-start">
      <canvas
        id={id}
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        aria-label={t('records.form.signHere')}
        onPointerDown={start}
        onPointerMove={move}
        onPointerUp={end}
        onPointerCancel={end}
        style={{ width: '100%', maxWidth: WIDTH, height: 'auto', aspectRatio: `${WIDTH} / ${HEIGHT}`, border: '1px dashed #d9d9d9', borderRadius: 8, background: '#fff', touchAction: 'none', cursor: 'crosshair' }}
        data-testid="signature-pad"
      />
      <Flex gap={8} align="center">
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('records.form.signHere')}
        </Typography.Text>
        <Button size="small" onClick={clear} data-testid="signature-clear">
          {t('records.form.clearSignature')}
        </Button>
      </Flex>
    </Flex>
  );
}
